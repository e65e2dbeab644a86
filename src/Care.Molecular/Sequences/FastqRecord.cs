namespace Care.Molecular.Sequences;

/// <summary>
/// One read from a FASTQ file: its name, its bases (upper-case A/C/G/T/N) and the Phred quality
/// of each base (0–93, Sanger offset 33 removed). Immutable.
/// </summary>
/// <param name="Id">The first word of the <c>@</c> header.</param>
/// <param name="Bases">The called bases.</param>
/// <param name="Qualities">Phred quality per base, same length as <paramref name="Bases"/>.</param>
public sealed record FastqRecord(string Id, string Bases, byte[] Qualities);
