using System.Globalization;
using System.Text.Json;

namespace Care.Cli.Tests;

public sealed class EvalT1dCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-t1d-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task One_patient_run_writes_a_trace_whose_glucose_and_insulin_agree_with_the_report()
    {
        Care.Testing.SharedData.RequireFolder("t1d");
        var trace = Path.Combine(_folder, "trace.csv");
        var (exit, output, error) = await CliRun.RunAsync("eval", "t1d", "--cohort", "child#004", "--days", "1", "--seed", "7", "--json", "--trace", trace);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var patient = Assert.Single(json.RootElement.GetProperty("patients").EnumerateArray());
        Assert.Equal("child#004", patient.GetProperty("id").GetString());

        var lines = File.ReadAllLines(trace);
        Assert.StartsWith("patient,minute,glucose_mg_dl,cgm_mg_dl,", lines[0], StringComparison.Ordinal);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(1440 / 3, rows.Count);
        Assert.All(rows, r => Assert.Equal("child#004", r[0]));
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => 3L * i), rows.Select(r => long.Parse(r[1], CultureInfo.InvariantCulture)));
        // The trace holds the glucose at the start of each period, the report every minute: the
        // lowest traced value cannot be below the reported minimum.
        var lowest = rows.Min(r => double.Parse(r[2], CultureInfo.InvariantCulture));
        Assert.True(lowest >= patient.GetProperty("minGlucose").GetDouble() - 0.01, $"traced {lowest} vs min {patient.GetProperty("minGlucose").GetDouble()}");
        // Insulin: basal rate over each 3-min period plus boluses (rounded to 3 decimals in the trace).
        var insulin = rows.Sum(r => double.Parse(r[6], CultureInfo.InvariantCulture) * 3 / 60 + double.Parse(r[7], CultureInfo.InvariantCulture));
        Assert.Equal(patient.GetProperty("insulinPerDay").GetDouble(), insulin, 0.5);
        Assert.Contains(rows, r => double.Parse(r[5], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_trace_into_a_missing_folder_is_refused_before_the_run()
    {
        Care.Testing.SharedData.RequireFolder("t1d");
        var (exit, output, error) = await CliRun.RunAsync("eval", "t1d", "--cohort", "adult#001", "--days", "1", "--trace", Path.Combine(_folder, "no", "such", "trace.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("--trace", error, StringComparison.Ordinal);
        Assert.DoesNotContain("adult#001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_cohort_or_patient_is_rejected_naming_the_option()
    {
        Care.Testing.SharedData.RequireFolder("t1d");
        var (exit, _, error) = await CliRun.RunAsync("eval", "t1d", "--cohort", "child#099", "--days", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("--cohort", error, StringComparison.Ordinal);
        Assert.Contains("child#099", error, StringComparison.Ordinal);
    }
}
