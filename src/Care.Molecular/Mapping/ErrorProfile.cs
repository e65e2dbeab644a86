namespace Care.Molecular.Mapping;

/// <summary>
/// A sequencer's error profile for simulated reads: per-base substitution, insertion and deletion
/// probabilities and a normal read-length distribution (nt), truncated at <paramref name="MinLength"/>.
/// </summary>
/// <param name="Substitution">Per-base substitution probability (0–0.5).</param>
/// <param name="Insertion">Per-base probability of an inserted base (0–0.5).</param>
/// <param name="Deletion">Per-base probability of a deleted base (0–0.5).</param>
/// <param name="MeanLength">Mean fragment length (nt).</param>
/// <param name="LengthSd">Standard deviation of the fragment length (nt).</param>
/// <param name="MinLength">Shortest read kept (nt).</param>
public readonly record struct ErrorProfile(double Substitution, double Insertion, double Deletion, int MeanLength, int LengthSd, int MinLength)
{
    /// <summary>
    /// Short reads like an Illumina run late in its cycles: 0.5 % substitutions, 0.05 % insertions and
    /// 0.05 % deletions per base, 150 ± 30 nt (error figures in the range reported by Schirmer et al.,
    /// BMC Bioinformatics 17:125, 2016, rounded up).
    /// </summary>
    public static ErrorProfile ShortReads => new(0.005, 0.0005, 0.0005, 150, 30, 60);
}
