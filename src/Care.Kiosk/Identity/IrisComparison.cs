namespace Care.Kiosk.Identity;

/// <summary>The best alignment of two iris codes.</summary>
/// <param name="RawDistance">Fractional Hamming distance over the bits both masks mark valid (0–1; 1 when none are).</param>
/// <param name="NormalisedDistance">Daugman's score normalised for the bits compared: 0.5 − (0.5 − raw)·√(n / 911).</param>
/// <param name="BitsCompared">Bits both masks mark valid at that alignment.</param>
/// <param name="Shift">The rotation (angular positions) that gave the smallest normalised distance.</param>
public readonly record struct IrisComparison(double RawDistance, double NormalisedDistance, int BitsCompared, int Shift);
