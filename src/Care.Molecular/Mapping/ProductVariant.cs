namespace Care.Molecular.Mapping;

/// <summary>A base of the product that disagrees with the order.</summary>
/// <param name="Position">Reference position (0-based).</param>
/// <param name="Ordered">The ordered base.</param>
/// <param name="Found">The base most reads show.</param>
/// <param name="Fraction">Reads showing it over reads covering the base (0–1).</param>
/// <param name="Depth">Reads covering the base.</param>
public readonly record struct ProductVariant(int Position, char Ordered, char Found, double Fraction, int Depth);
