namespace Care.Molecular.Screening;

/// <summary>
/// A run of matching windows between an order and one entry of concern, on one diagonal.
/// Order coordinates are forward-strand nucleotides, half-open; entry coordinates are nucleotides
/// of the entry's coding DNA (a protein hit covers whole codons).
/// </summary>
/// <param name="EntryId">The entry matched.</param>
/// <param name="Kind">DNA or protein windows.</param>
/// <param name="Frame">Strand (+1/−1) for DNA hits; reading frame (±1..3) for protein hits.</param>
/// <param name="OrderStart">First order nucleotide covered (0-based).</param>
/// <param name="OrderEnd">One past the last order nucleotide covered.</param>
/// <param name="EntryStart">First entry nucleotide covered.</param>
/// <param name="EntryEnd">One past the last entry nucleotide covered.</param>
/// <param name="Identity">Identical bases (DNA) or same-group residues (protein) over the run, 0–1.</param>
public readonly record struct ScreeningHit(
    string EntryId,
    HitKind Kind,
    int Frame,
    int OrderStart,
    int OrderEnd,
    int EntryStart,
    int EntryEnd,
    double Identity)
{
    /// <summary>Order nucleotides covered.</summary>
    public int LengthNt => OrderEnd - OrderStart;

    /// <summary>A one-line explanation for a reviewer.</summary>
    public override string ToString() =>
        $"{EntryId}: {(Kind == HitKind.Dna ? "DNA" : "protein")} windows, {(Kind == HitKind.Dna ? (Frame > 0 ? "forward strand" : "reverse strand") : $"frame {Frame:+0;-0}")}, order {OrderStart + 1}..{OrderEnd} ({LengthNt} nt) ~ entry {EntryStart + 1}..{EntryEnd}, identity {Identity:P1}";
}
