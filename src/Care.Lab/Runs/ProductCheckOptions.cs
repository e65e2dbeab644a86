namespace Care.Lab.Runs;

/// <summary>
/// What a simulated product check makes and sequences: an ordered coding construct of
/// <paramref name="ProductLength"/> nt, optionally contaminated by a second construct of
/// <paramref name="PayloadLength"/> nt at <paramref name="PayloadFraction"/> of molecules, read
/// <paramref name="Reads"/> times with a short-read error profile. Seeded: the same options give the
/// same product, reads and verdict.
/// </summary>
/// <param name="Seed">Seed of the product, the payload, the instrument's key and the reads.</param>
/// <param name="Reads">Reads sequenced (100..1,000,000).</param>
/// <param name="PayloadFraction">Fraction of molecules that are the extra construct (0 = clean; below 0.5).</param>
/// <param name="ProductLength">Ordered construct length in nt (300..20,000).</param>
/// <param name="PayloadLength">Extra construct length in nt (300..20,000).</param>
public readonly record struct ProductCheckOptions(int Seed, int Reads, double PayloadFraction, int ProductLength = 2000, int PayloadLength = 4200)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Reads, 100, nameof(Reads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Reads, 1_000_000, nameof(Reads));
        if (!(PayloadFraction is >= 0 and < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(PayloadFraction), PayloadFraction, "must be at least 0 and below 0.5");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(ProductLength, 300, nameof(ProductLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ProductLength, 20_000, nameof(ProductLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(PayloadLength, 300, nameof(PayloadLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PayloadLength, 20_000, nameof(PayloadLength));
    }
}
