using System.CommandLine;
using Care.Cli.Hosting;

namespace Care.Cli.Tests;

/// <summary>Issue 11 item 7: a folder where a file is expected is bad input (exit 2 with a cause), never exit 1 with an exception name.</summary>
public sealed class BadPathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-badpath-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Given_a_folder_as_the_trace_file_When_eval_t1d_Then_it_exits_2_before_the_run()
    {
        Care.Testing.SharedData.RequireFolder("t1d");

        var (exit, output, error) = await CliRun.RunAsync("eval", "t1d", "--cohort", "adult#001", "--days", "1", "--trace", _folder);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal($"care eval t1d: --trace: '{_folder}' is a folder; give the CSV file to write", error.Trim());
        Assert.DoesNotContain("adult#001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_folder_as_the_t1d_parameter_file_When_eval_t1d_Then_it_exits_2_naming_it()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "vpatient_params.csv"));

        var (exit, _, error) = await CliRun.RunAsync("eval", "t1d", "--data", _folder, "--days", "1");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("vpatient_params.csv: is a folder, not a file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_any_command_reading_a_folder_as_a_file_When_run_Then_the_edge_maps_it_to_exit_2()
    {
        // Any command: the mapping lives in CliAction, which every command's action goes through.
        var command = new Command("read", "reads a file");
        var file = new Argument<string>("FILE");
        command.Arguments.Add(file);
        CliAction.Set(command, async (parse, cancel) =>
        {
            _ = await File.ReadAllBytesAsync(parse.GetRequiredValue(file), cancel);
            return ExitCodes.Ok;
        });
        var root = new RootCommand { command };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await root.Parse(["read", _folder]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal($"care read: '{_folder}' is a folder; give a file path", error.ToString().Trim());
    }

    [Fact]
    public async Task Given_a_missing_file_When_run_Then_the_edge_maps_it_to_exit_2_without_an_exception_name()
    {
        var command = new Command("read", "reads a file");
        var missing = Path.Combine(_folder, "absent.bin");
        CliAction.Set(command, async (parse, cancel) =>
        {
            _ = await File.ReadAllBytesAsync(missing, cancel);
            return ExitCodes.Ok;
        });
        var root = new RootCommand { command };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await root.Parse(["read"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal($"care read: '{missing}' does not exist", error.ToString().Trim());
    }
}
