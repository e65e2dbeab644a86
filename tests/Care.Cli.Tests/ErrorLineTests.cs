namespace Care.Cli.Tests;

/// <summary>Issue 19: every error line names the whole command, and never an exception's type.</summary>
public sealed class ErrorLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Given_a_missing_record_When_a_nested_command_fails_Then_the_line_starts_with_the_whole_command()
    {
        var (exit, _, error) = await CliRun.RunAsync("ecg", "info", Path.Combine(_folder, "nothing"));
        Assert.Equal(2, exit);
        Assert.StartsWith("care ecg info: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_missing_database_When_a_ledger_command_fails_Then_the_line_names_it_without_an_exception_type()
    {
        var (exit, _, error) = await CliRun.RunAsync("ledger", "prove", "1", "--db", Path.Combine(_folder, "none.db"));
        Assert.NotEqual(0, exit);
        Assert.StartsWith("care ledger prove: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
