using System.Diagnostics.CodeAnalysis;

namespace Care.Core.Events;

/// <summary>The kebab-case wire names of <see cref="PatchEventKind"/> (docs/bundle-format.md). Thread safe.</summary>
public static class PatchEventKinds
{
    /// <summary>Every name, in the order of the enum values.</summary>
    public static IReadOnlyList<string> All { get; } = ["atrial-fibrillation", "ventricular-run", "pause"];

    /// <summary>The wire name of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public static string Name(PatchEventKind kind)
    {
        int index = (int)kind - 1;
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(kind));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, All.Count, nameof(kind));
        return All[index];
    }

    /// <summary>The kind called <paramref name="name"/> (exact, case-sensitive); false when unknown.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out PatchEventKind? kind)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                kind = (PatchEventKind)(i + 1);
                return true;
            }
        }
        kind = null;
        return false;
    }
}
