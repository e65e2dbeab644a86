using Care.Metabolic.Control;
using Care.Metabolic.Patients;
using Care.Metabolic.Safety;

namespace Care.Metabolic.Tests.Safety;

public sealed class SafetyGovernorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);
    private static readonly SafetyLimits Limits = SafetyLimits.FromQuest(new QuestParameters(10, 40, 30, 48));

    [Fact]
    public void Quest_limits_follow_the_total_daily_insulin()
    {
        Assert.Equal(1.0, Limits.ScheduledBasalUnitsPerHour, 12);
        Assert.Equal(4.0, Limits.MaxBasalUnitsPerHour, 12);
        Assert.Equal(12.0, Limits.MaxBolusUnits, 12);
        Assert.Equal(19.2, Limits.MaxInsulinOnBoardUnits, 12);
    }

    [Fact]
    public void A_request_within_limits_is_delivered_as_the_controller_decided()
    {
        var governor = new SafetyGovernor(Limits);
        var dose = governor.Govern(new ControllerInput(Start, 150, Start, 40, Period), new InsulinRequest(1.5, 4, "meal"));
        Assert.Equal(DoseReason.ControllerDecision, dose.Reason);
        Assert.Equal(1.5, dose.BasalUnitsPerHour);
        Assert.Equal(4, dose.BolusUnits);
        Assert.Equal(4 + 1.5 / 12, dose.TotalUnits, 12);
    }

    [Fact]
    public void An_oversized_bolus_is_clamped_and_the_record_says_so()
    {
        var governor = new SafetyGovernor(Limits);
        var dose = governor.Govern(new ControllerInput(Start, 250, Start, 200, Period), new InsulinRequest(9, 30, "big meal"));
        Assert.Equal(DoseReason.GovernorClamp, dose.Reason);
        Assert.Equal(Limits.MaxBasalUnitsPerHour, dose.BasalUnitsPerHour);
        Assert.Equal(Limits.MaxBolusUnits, dose.BolusUnits);
        Assert.Contains("max", dose.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_reading_returns_to_scheduled_basal_without_bolus()
    {
        var governor = new SafetyGovernor(Limits);
        governor.Govern(new ControllerInput(Start, 160, Start, 0, Period), new InsulinRequest(1, 0, "ok"));
        var dose = governor.Govern(new ControllerInput(Start + Period, double.NaN, Start, 60, Period), new InsulinRequest(3, 6, "meal"));
        Assert.Equal(DoseReason.SensorFallback, dose.Reason);
        Assert.Equal(Limits.ScheduledBasalUnitsPerHour, dose.BasalUnitsPerHour);
        Assert.Equal(0, dose.BolusUnits);
    }

    [Fact]
    public void A_stale_reading_after_a_low_suspends()
    {
        var governor = new SafetyGovernor(Limits);
        governor.Govern(new ControllerInput(Start, 85, Start, 0, Period), new InsulinRequest(1, 0, "ok"));
        var dose = governor.Govern(new ControllerInput(Start + TimeSpan.FromMinutes(20), 85, Start, 0, Period), new InsulinRequest(2, 0, "more"));
        Assert.Equal(DoseReason.SensorFallback, dose.Reason);
        Assert.Equal(0, dose.BasalUnitsPerHour);
    }

    [Fact]
    public void A_compression_low_suspends_instead_of_trusting_the_drop()
    {
        var governor = new SafetyGovernor(Limits);
        governor.Govern(new ControllerInput(Start, 120, Start, 0, Period), new InsulinRequest(1, 0, "ok"));
        var t1 = Start + Period;
        governor.Govern(new ControllerInput(t1, 118, t1, 0, Period), new InsulinRequest(1, 0, "ok"));
        var t2 = t1 + Period + Period;
        var dose = governor.Govern(new ControllerInput(t2, 72, t2, 0, Period), new InsulinRequest(1, 0, "ok"));
        Assert.Equal(DoseReason.SensorFallback, dose.Reason);
        Assert.Contains("compression", dose.Detail, StringComparison.Ordinal);
        Assert.Equal(0, dose.BasalUnitsPerHour);
    }

    [Fact]
    public void A_nan_request_becomes_the_scheduled_basal()
    {
        var governor = new SafetyGovernor(Limits);
        var dose = governor.Govern(new ControllerInput(Start, 140, Start, 0, Period), new InsulinRequest(double.NaN, 1, "broken"));
        Assert.Equal(DoseReason.GovernorClamp, dose.Reason);
        Assert.Equal(Limits.ScheduledBasalUnitsPerHour, dose.BasalUnitsPerHour);
        Assert.Equal(0, dose.BolusUnits);
    }

    [Fact]
    public void Insulin_on_board_of_a_bolus_follows_the_two_compartment_curve()
    {
        var iob = new InsulinOnBoard(75);
        iob.AddBolus(4);
        for (var m = 0; m < 150; m += 5)
        {
            iob.Advance(5, 0);
        }
        // IOB(t) = B (1 + t/τ) e^{-t/τ} at t = 2τ: 3 e^{-2} B.
        Assert.Equal(4 * 3 * Math.Exp(-2), iob.Units, 9);
        var copy = new InsulinOnBoard(75);
        copy.AddBolus(4);
        Assert.Equal(4 * 2 * Math.Exp(-1), copy.RemainingAfter(75), 9);
    }

    [Fact]
    public void Steady_infusion_has_steady_insulin_on_board()
    {
        var iob = new InsulinOnBoard(60);
        iob.SetSteadyState(0.02);
        iob.Advance(500, 0.02);
        Assert.Equal(0.02 * 120, iob.Units, 9);
    }
}
