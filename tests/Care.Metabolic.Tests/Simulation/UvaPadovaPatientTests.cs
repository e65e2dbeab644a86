using Care.Metabolic.Simulation;

namespace Care.Metabolic.Tests.Simulation;

public sealed class UvaPadovaPatientTests
{
    [Theory]
    [InlineData(UvaPadovaPatient.DefaultStepsPerMinute)]
    [InlineData(2)]
    [InlineData(20)]
    public void Adolescent001_minute_trace_is_reproduced_within_1e_4_mg_per_dl(int stepsPerMinute)
    {
        var trace = ReferenceTrace.Read(Path.Combine(TestCohort.Folder, "reference", "adolescent001_minute_trace.csv"));
        var patient = new UvaPadovaPatient(TestCohort.Load()["adolescent#001"].Physiology, stepsPerMinute);
        Assert.Equal(2880, trace.Count);
        var worst = 0.0;
        foreach (var row in trace)
        {
            patient.StepWithIntake(row.ChoEaten, row.Insulin);
            worst = Math.Max(worst, Math.Abs(patient.GlucoseMgPerDl - row.Gsub));
        }
        // The limit is 0.01 mg/dL; with the extra sub-steps in eating minutes every setting stays below 1e-4.
        Assert.True(worst <= 1e-4, $"worst |Gsub - reference| = {worst:E3} mg/dL");
    }

    [Fact]
    public void Announced_meals_are_eaten_at_5_grams_per_minute_as_in_the_reference()
    {
        var trace = ReferenceTrace.Read(Path.Combine(TestCohort.Folder, "reference", "adolescent001_minute_trace.csv"));
        var patient = new UvaPadovaPatient(TestCohort.Load()["adolescent#001"].Physiology);
        var worst = 0.0;
        foreach (var row in trace)
        {
            patient.AnnounceMeal(row.MealAnnounced);
            var eaten = patient.Step(row.Insulin);
            Assert.Equal(row.ChoEaten, eaten, 9);
            worst = Math.Max(worst, Math.Abs(patient.GlucoseMgPerDl - row.Gsub));
        }
        Assert.True(worst <= 0.01, $"worst |Gsub - reference| = {worst:E3} mg/dL");
    }

    [Fact]
    public void Every_patient_stays_at_its_basal_glucose_for_24_hours_on_steady_state_basal()
    {
        foreach (var vp in TestCohort.Load().Patients)
        {
            var patient = new UvaPadovaPatient(vp.Physiology);
            var basal = vp.Physiology.SteadyStateBasalUnitsPerMinute;
            var gb = vp.Physiology.BasalGlucoseMgPerDl;
            for (var minute = 0; minute < 24 * 60; minute++)
            {
                patient.Step(basal);
                Assert.True(Math.Abs(patient.GlucoseMgPerDl - gb) <= 1.0,
                    $"{vp.Name} at minute {minute + 1}: {patient.GlucoseMgPerDl:F4} vs basal {gb:F4} mg/dL");
            }
        }
    }

    [Fact]
    public void Without_insulin_glucose_rises_and_a_meal_raises_it_further()
    {
        var vp = TestCohort.Load()["adult#001"].Physiology;
        var fasting = new UvaPadovaPatient(vp);
        var fed = new UvaPadovaPatient(vp);
        fed.AnnounceMeal(50);
        for (var minute = 0; minute < 240; minute++)
        {
            fasting.Step(0);
            fed.Step(0);
        }
        Assert.True(fasting.GlucoseMgPerDl > vp.BasalGlucoseMgPerDl + 10);
        Assert.True(fed.GlucoseMgPerDl > fasting.GlucoseMgPerDl + 30);
    }

    [Fact]
    public void Negative_or_nan_inputs_are_rejected()
    {
        var patient = new UvaPadovaPatient(TestCohort.Load()["child#001"].Physiology);
        Assert.Throws<ArgumentOutOfRangeException>(() => patient.Step(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => patient.Step(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => patient.AnnounceMeal(double.PositiveInfinity));
        Assert.Equal(0, patient.Minute);
    }
}
