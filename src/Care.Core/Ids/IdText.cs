using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Care.Core.Ids;

/// <summary>The one rule every textual id in Care follows.</summary>
public static class IdText
{
    /// <summary>Longest id, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1-64 characters from A-Z a-z 0-9 - _ .";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>True when <paramref name="text"/> is a well-formed id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) =>
        text is { Length: > 0 and <= MaxLength } && !text.AsSpan().ContainsAnyExcept(Allowed);
}
