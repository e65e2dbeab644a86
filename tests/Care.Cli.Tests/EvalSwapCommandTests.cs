using System.Text.Json;

namespace Care.Cli.Tests;

public sealed class EvalSwapCommandTests
{
    [Fact]
    public async Task Given_one_patient_for_two_days_When_eval_swap_runs_Then_the_transfer_matches_one_patch_in_the_json()
    {
        Care.Testing.SharedData.RequireFolder("t1d");
        var (exit, output, error) = await CliRun.RunAsync("eval", "swap", "--cohort", "adult#009", "--days", "2", "--seed", "3", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var patient = Assert.Single(json.RootElement.GetProperty("patients").EnumerateArray());
        Assert.Equal("adult#009", patient.GetProperty("patient").GetString());
        Assert.True(patient.GetProperty("transferIdentical").GetBoolean());
        Assert.Equal(2, patient.GetProperty("transfers").GetInt32());
        Assert.Equal(2 * 1440, patient.GetProperty("transfer").GetProperty("minutes").GetInt64());
    }

    [Fact]
    public async Task Given_days_out_of_range_When_eval_swap_runs_Then_it_exits_2_with_a_one_line_cause()
    {
        var (exit, _, error) = await CliRun.RunAsync("eval", "swap", "--days", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--days", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
