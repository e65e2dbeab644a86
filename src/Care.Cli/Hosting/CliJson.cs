using System.Text.Json;

namespace Care.Cli.Hosting;

/// <summary>The JSON settings of every <c>--json</c> output: camelCase, indented.</summary>
public static class CliJson
{
    /// <summary>Shared, immutable options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
