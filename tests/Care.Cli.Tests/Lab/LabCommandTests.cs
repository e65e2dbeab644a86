namespace Care.Cli.Tests.Lab;

public sealed class LabCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("care-lab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Given_a_simulated_product_check_When_its_result_is_verified_Then_it_is_ok_and_an_edited_result_is_bad()
    {
        var (exit, output, error) = await CliRun.RunAsync("lab", "simulate", "--out", _dir, "--seed", "21", "--reads", "2000");
        Assert.True(exit == 0, error);
        Assert.Contains("-> completed", output, StringComparison.Ordinal);
        var fastq = Path.Combine(_dir, "verify-21.fastq");
        var ledger = Path.Combine(_dir, "lab-ledger.json");
        var key = Path.Combine(_dir, "lab.ledger-key.pub");

        var ok = await CliRun.RunAsync("lab", "verify", "verify-21", "--result", fastq, "--ledger", ledger, "--public-key", key);
        Assert.Equal(0, ok.Exit);
        Assert.Contains("result OK", ok.Out, StringComparison.Ordinal);

        await File.AppendAllTextAsync(fastq, "@extra\nACGT\n+\nIIII\n", TestContext.Current.CancellationToken);
        var bad = await CliRun.RunAsync("lab", "verify", "verify-21", "--result", fastq, "--ledger", ledger, "--public-key", key);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("does not match the ledgered", bad.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_ledger_with_a_rewritten_outcome_When_verified_Then_the_signature_or_root_check_fails()
    {
        Assert.Equal(0, (await CliRun.RunAsync("lab", "simulate", "--out", _dir, "--seed", "22", "--reads", "500", "--payload", "2")).Exit);
        var ledger = Path.Combine(_dir, "lab-ledger.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(ledger, TestContext.Current.CancellationToken))!;
        var entries = json["entries"]!.AsArray();
        var last = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(entries[^1]!.GetValue<string>()));
        Assert.Contains("quarantined", last, StringComparison.Ordinal);
        entries[^1] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(last.Replace("quarantined", "completed", StringComparison.Ordinal)));
        await File.WriteAllTextAsync(ledger, json.ToJsonString(), TestContext.Current.CancellationToken);

        var bad = await CliRun.RunAsync("lab", "verify", "verify-22", "--result", Path.Combine(_dir, "verify-22.fastq"), "--ledger", ledger, "--public-key", Path.Combine(_dir, "lab.ledger-key.pub"));
        Assert.Equal(1, bad.Exit);
        Assert.Contains("rewritten", bad.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_foreign_ledger_key_When_verified_Then_the_head_signature_is_refused()
    {
        var other = Directory.CreateTempSubdirectory("care-lab-other-").FullName;
        try
        {
            Assert.Equal(0, (await CliRun.RunAsync("lab", "simulate", "--out", _dir, "--seed", "23", "--reads", "300")).Exit);
            Assert.Equal(0, (await CliRun.RunAsync("lab", "simulate", "--out", other, "--seed", "23", "--reads", "300")).Exit);

            var bad = await CliRun.RunAsync("lab", "verify", "verify-23", "--result", Path.Combine(_dir, "verify-23.fastq"), "--ledger", Path.Combine(_dir, "lab-ledger.json"), "--public-key", Path.Combine(other, "lab.ledger-key.pub"));
            Assert.Equal(1, bad.Exit);
            Assert.Contains("not signed by this key", bad.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Theory]
    [InlineData("--reads", "5")]
    [InlineData("--payload", "60")]
    [InlineData("--payload", "-1")]
    public async Task Given_absurd_simulate_options_When_run_Then_exit_2_names_the_option(string option, string value)
    {
        var (exit, _, error) = await CliRun.RunAsync("lab", "simulate", "--out", _dir, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_missing_files_When_verified_Then_exit_2_names_the_file()
    {
        Assert.Equal(0, (await CliRun.RunAsync("lab", "simulate", "--out", _dir, "--seed", "24", "--reads", "300")).Exit);
        var missing = Path.Combine(_dir, "nope.fastq");
        var (exit, _, error) = await CliRun.RunAsync("lab", "verify", "verify-24", "--result", missing, "--ledger", Path.Combine(_dir, "lab-ledger.json"), "--public-key", Path.Combine(_dir, "lab.ledger-key.pub"));
        Assert.Equal(2, exit);
        Assert.Contains("nope.fastq", error, StringComparison.Ordinal);
    }
}
