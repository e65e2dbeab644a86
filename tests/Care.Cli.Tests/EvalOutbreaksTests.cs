using Care.Cli.Hosting;

namespace Care.Cli.Tests;

public sealed class EvalOutbreaksTests
{
    [Theory]
    [InlineData("--replicates", "0", "--replicates")]
    [InlineData("--seed", "1", "--dev-seed")]
    [InlineData("--gap", "1", "--gap")]
    public async Task Bad_options_exit_2_naming_the_option(string option, string value, string named)
    {
        var (exit, _, error) = await CliRun.RunAsync("eval", "outbreaks", option, value);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_data_folder_exits_2_naming_it()
    {
        var (exit, _, error) = await CliRun.RunAsync("eval", "outbreaks", "--data", "/nonexistent/surveillance");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--data", error, StringComparison.Ordinal);
    }
}
