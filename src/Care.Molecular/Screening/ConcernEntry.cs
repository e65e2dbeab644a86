using Care.Molecular.Sequences;

namespace Care.Molecular.Screening;

/// <summary>
/// One sequence of concern in a screening database: its coding DNA (5'→3', in frame from offset 0)
/// and the protein it encodes. Care ships no real sequence of concern; tests and evaluations build
/// synthetic ones. Immutable.
/// </summary>
public sealed record ConcernEntry
{
    /// <summary>Creates an entry from its coding DNA; the protein is its frame +1 translation (stops included).</summary>
    /// <param name="id">A name shown in hits (1–200 characters).</param>
    /// <param name="codingDna">A, C, G, T only, at least 30 nt.</param>
    /// <exception cref="ArgumentException">The id is empty or the DNA is short or not A/C/G/T.</exception>
    public ConcernEntry(string id, string codingDna)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(codingDna);
        if (codingDna.Length < 30 || Dna.FirstInvalid(codingDna) >= 0)
        {
            throw new ArgumentException($"entry '{id}' needs at least 30 nt of A, C, G, T", nameof(codingDna));
        }
        Id = id;
        CodingDna = codingDna;
        Protein = GeneticCode.Translate(codingDna);
    }

    /// <summary>The entry's name.</summary>
    public string Id { get; }

    /// <summary>Coding DNA, in frame from offset 0.</summary>
    public string CodingDna { get; }

    /// <summary>Frame +1 translation of <see cref="CodingDna"/>.</summary>
    public string Protein { get; }
}
