namespace Care.Molecular.Screening.Evaluation;

/// <summary>
/// Random "natural-like" DNA: a fifth-order Markov chain trained on real sequences (k-mer
/// statistics of plasmids and genes), used as extra negative controls. Deterministic for a seed.
/// </summary>
public static class NaturalLikeSequences
{
    private const int Order = 5;

    /// <summary>One sequence per requested length, drawn from the chain trained on <paramref name="training"/>.</summary>
    public static IReadOnlyList<string> Generate(IReadOnlyList<string> training, IReadOnlyList<int> lengths, int seed)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(lengths);
        var counts = new int[1 << (2 * Order), 4];
        foreach (var sequence in training)
        {
            var context = 0;
            for (var i = 0; i < sequence.Length; i++)
            {
                var b = Sequences.Dna.Code(sequence[i]);
                if (i >= Order)
                {
                    counts[context, b]++;
                }
                context = ((context << 2) | b) & ((1 << (2 * Order)) - 1);
            }
        }
        var random = new Random(seed);
        var result = new List<string>(lengths.Count);
        foreach (var length in lengths)
        {
            var chars = new char[length];
            var context = 0;
            for (var i = 0; i < length; i++)
            {
                var total = counts[context, 0] + counts[context, 1] + counts[context, 2] + counts[context, 3];
                int b;
                if (i < Order || total == 0)
                {
                    b = random.Next(4);
                }
                else
                {
                    var u = random.Next(total);
                    b = 0;
                    while (u >= counts[context, b])
                    {
                        u -= counts[context, b];
                        b++;
                    }
                }
                chars[i] = Sequences.Dna.Base(b);
                context = ((context << 2) | b) & ((1 << (2 * Order)) - 1);
            }
            result.Add(new string(chars));
        }
        return result;
    }
}
