using System.Diagnostics.CodeAnalysis;

namespace Care.Core.Doses;

/// <summary>The kebab-case wire names of <see cref="DoseDeliveryReason"/> (docs/bundle-format.md). Thread safe.</summary>
public static class DoseReasonNames
{
    /// <summary>Every name, in the order of the enum values.</summary>
    public static IReadOnlyList<string> All { get; } = ["controller-decision", "governor-clamp", "suspend", "sensor-fallback"];

    /// <summary>The wire name of <paramref name="reason"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined reason.</exception>
    public static string Name(DoseDeliveryReason reason)
    {
        int index = (int)reason - 1;
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(reason));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, All.Count, nameof(reason));
        return All[index];
    }

    /// <summary>The reason called <paramref name="name"/> (exact, case-sensitive); false when unknown.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out DoseDeliveryReason? reason)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                reason = (DoseDeliveryReason)(i + 1);
                return true;
            }
        }
        reason = null;
        return false;
    }
}
