using Care.Cli.Hosting;

namespace Care.Cli.Tests;

/// <summary>Runs the real <c>care</c> command tree in process and captures what it prints.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CareCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
