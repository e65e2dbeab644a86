using System.Text;

namespace Care.Fuzzing.Targets;

/// <summary>Builds dictionaries of ASCII tokens.</summary>
internal static class Tokens
{
    public static IReadOnlyList<byte[]> Ascii(params string[] tokens) => [.. tokens.Select(Encoding.ASCII.GetBytes)];
}
