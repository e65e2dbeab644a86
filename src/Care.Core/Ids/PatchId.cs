using System.Diagnostics.CodeAnalysis;

namespace Care.Core.Ids;

/// <summary>
/// The identifier of one patch (the wearable device), e.g. its serial number:
/// 1–64 characters from <c>A–Z a–z 0–9 - _ .</c>. Immutable and thread safe.
/// </summary>
public readonly record struct PatchId
{
    private PatchId(string value) => Value = value;

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <summary>Parses an identifier, returning false (and no exception) when it is not well formed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PatchId id)
    {
        id = default;
        if (!IdText.IsValid(text))
        {
            return false;
        }
        id = new PatchId(text);
        return true;
    }

    /// <summary>Parses an identifier or throws <see cref="FormatException"/> naming the rule it broke.</summary>
    public static PatchId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a patch id: {IdText.Rule}");

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
