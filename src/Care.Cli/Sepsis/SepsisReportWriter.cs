using System.Globalization;
using System.Text;
using System.Text.Json;
using Care.Clinical.Sepsis;

namespace Care.Cli.Sepsis;

/// <summary>Formats a <see cref="SepsisReport"/> as text tables or JSON.</summary>
internal static class SepsisReportWriter
{
    public static string Json(SepsisReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            WriteFields(w, report.Model);
            foreach (var (name, e) in new[] { ("news2", report.News2), ("qsofa", report.Qsofa) })
            {
                w.WriteStartObject(name);
                WriteFields(w, e);
                w.WriteEndObject();
            }
            w.WriteStartArray("folds");
            foreach (var f in report.Folds)
            {
                w.WriteStartObject();
                w.WriteNumber("fold", f.Fold + 1);
                WriteFields(w, f.Model);
                w.WriteNumber("news2Utility", Finite(f.News2.Utility.Normalised));
                w.WriteNumber("qsofaUtility", Finite(f.Qsofa.Utility.Normalised));
                w.WriteNumber("alarmLogOdds", f.AlarmMargin);
                w.WriteNumber("alarmScore", f.AlarmScore);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("calibration");
            foreach (var c in report.Calibration)
            {
                w.WriteStartObject();
                w.WriteNumber("from", c.From);
                w.WriteNumber("to", c.To);
                w.WriteNumber("hours", c.Hours);
                w.WriteNumber("meanPredicted", c.MeanPredicted);
                w.WriteNumber("observed", c.Observed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFields(Utf8JsonWriter w, SepsisEvaluation e)
    {
        w.WriteNumber("utility", Finite(e.Utility.Normalised));
        w.WriteNumber("auroc", Finite(e.Auroc));
        w.WriteNumber("auprc", Finite(e.Auprc));
        w.WriteNumber("alarmsPerPatientDay", e.AlarmsPerPatientDay);
        w.WriteNumber("patients", e.Patients);
        w.WriteNumber("hours", e.Hours);
        w.WriteNumber("septicPatients", e.SepticPatients);
        w.WriteNumber("septicAlarmedByOnset", e.SepticPatientsAlarmedInTime);
    }

    // JSON has no NaN: an undefined metric (no septic patient) is written as 0 and the text output says n/a.
    private static double Finite(double x) => double.IsFinite(x) ? x : 0;

    public static string Text(SepsisReport report, string what)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"Sepsis prediction, {what}: {report.Model.Patients} patients, {report.Model.Hours} hours, {report.Model.SepticPatients} septic");
        s.AppendLine("| method | utility | AUROC | AUPRC | alarms/patient-day | alarm hours | septic alarmed by onset |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, e) in new[] { ("GBDT model", report.Model), ("NEWS2 >= 5", report.News2), ("qSOFA >= 2", report.Qsofa) })
        {
            s.AppendLine(c, $"| {name} | {F(e.Utility.Normalised)} | {F(e.Auroc)} | {F(e.Auprc)} | {e.AlarmsPerPatientDay:F2} | {100 * e.AlarmHourFraction:F1} % | {e.SepticPatientsAlarmedInTime}/{e.SepticPatients} |");
        }
        if (report.Folds.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| fold | patients | utility | AUROC | AUPRC | alarms/patient-day | NEWS2 utility | qSOFA utility | alarm log-odds | alarm score |");
            s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var f in report.Folds)
            {
                s.AppendLine(c, $"| {f.Fold + 1} | {f.Model.Patients} | {F(f.Model.Utility.Normalised)} | {F(f.Model.Auroc)} | {F(f.Model.Auprc)} | {f.Model.AlarmsPerPatientDay:F2} | {F(f.News2.Utility.Normalised)} | {F(f.Qsofa.Utility.Normalised)} | {f.AlarmMargin:F3} | {f.AlarmScore} |");
            }
        }
        s.AppendLine();
        s.AppendLine("| predicted probability | hours | mean predicted | observed rate |");
        s.AppendLine("| --- | --- | --- | --- |");
        foreach (var r in report.Calibration)
        {
            s.AppendLine(c, $"| {r.From:F2}–{r.To:F2} | {r.Hours} | {r.MeanPredicted:F4} | {r.Observed:F4} |");
        }
        s.AppendLine();
        s.AppendLine(SepsisRisk.DecisionSupportNotice);
        return s.ToString();
    }

    public static string Explain(SepsisModel model, Care.Clinical.Challenge2019.PatientRecord patient)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"Levels on the score: elevated from {model.ElevatedScore}, alarm (high) from {model.AlarmScore}; the interval is the 95 % interval of the calibrated probability, rounded outwards.");
        s.AppendLine(c, $"Patient {patient.Id}: {patient.Hours} hours, {(patient.IsSeptic ? $"first label hour {patient.FirstPositiveHour} (onset t_s = hour {patient.FirstPositiveHour + 6})" : "never septic")}");
        s.AppendLine("| hour | label | score | 95 % interval | level | top contributions (feature = value: log-odds) |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- |");
        var scorer = new SepsisStreamScorer(model);
        for (int t = 0; t < patient.Hours; t++)
        {
            var r = scorer.Update(patient.Row(t), top: 3);
            var why = string.Join("; ", r.TopContributions.Select(x => string.Create(c, $"{x.Feature} = {x.Value:0.##}: {x.LogOdds:+0.00;-0.00}")));
            s.AppendLine(c, $"| {t} | {(patient.Labels[t] ? 1 : 0)} | {r.Score} | {r.ScoreLow}–{r.ScoreHigh} | {r.Level} | {why} |");
        }
        s.AppendLine();
        s.AppendLine(SepsisRisk.DecisionSupportNotice);
        return s.ToString();
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
