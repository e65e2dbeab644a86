using System.CommandLine;
using System.Text.Json;

namespace Care.Cli.Hosting;

/// <summary>Writes a command's result the same way everywhere: one JSON object with <c>--json</c>, a table otherwise.</summary>
public static class CliOutput
{
    /// <summary>Writes <paramref name="result"/> to the invocation's output.</summary>
    /// <param name="parse">The command's parse result (gives the output writer).</param>
    /// <param name="json">True for JSON (<see cref="CliJson.Options"/>).</param>
    /// <param name="result">The result.</param>
    /// <param name="print">Draws the table.</param>
    public static async Task WriteAsync<T>(ParseResult parse, bool json, T result, Action<T, TextWriter> print)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(print);
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Options));
        }
        else
        {
            print(result, output);
        }
    }
}
