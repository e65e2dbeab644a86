namespace Care.Kiosk.Identity;

/// <summary>
/// A fresh iris code prepared for matching: its rotations by −<see cref="MaxShift"/>…+<see cref="MaxShift"/>
/// positions computed once, so a probe is compared with many templates cheaply. Immutable.
/// </summary>
public sealed class IrisProbe
{
    private readonly IrisCode[] _rotations;

    /// <summary>Prepares <paramref name="code"/> with a rotation search of ±<paramref name="maxShift"/> positions.</summary>
    public IrisProbe(IrisCode code, int maxShift = IrisMatcher.DefaultMaxShift)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfNegative(maxShift);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxShift, IrisCode.Coefficients / 4);
        Code = code;
        MaxShift = maxShift;
        _rotations = new IrisCode[(2 * maxShift) + 1];
        for (int s = -maxShift; s <= maxShift; s++)
        {
            _rotations[s + maxShift] = code.Rotate(s);
        }
    }

    /// <summary>The code as captured.</summary>
    public IrisCode Code { get; }

    /// <summary>Largest rotation searched, in angular positions.</summary>
    public int MaxShift { get; }

    /// <summary>The code turned by <paramref name="shift"/> positions (|shift| ≤ <see cref="MaxShift"/>).</summary>
    public IrisCode Rotation(int shift) => _rotations[shift + MaxShift];

    /// <summary>The best alignment with <paramref name="enrolled"/>: smallest normalised distance over all rotations.</summary>
    public IrisComparison CompareWith(IrisCode enrolled)
    {
        ArgumentNullException.ThrowIfNull(enrolled);
        var best = new IrisComparison(1, 1, 0, 0);
        for (int s = -MaxShift; s <= MaxShift; s++)
        {
            var d = IrisMatcher.Distance(enrolled.CodeWords, enrolled.MaskWords, Rotation(s), s);
            if (d.NormalisedDistance < best.NormalisedDistance)
            {
                best = d;
            }
        }
        return best;
    }
}
