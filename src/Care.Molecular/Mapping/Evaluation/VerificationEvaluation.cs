using System.Globalization;
using System.Text;
using Care.Molecular.Screening.Evaluation;

namespace Care.Molecular.Mapping.Evaluation;

/// <summary>
/// The evaluation behind <c>care eval verification</c>: simulated products — clean; with an extra
/// construct (a cassette-sized payload) at a molecule fraction; with one point substitution; truncated —
/// are sequenced with <see cref="ErrorProfile.ShortReads"/> at a ladder of read counts and verified.
/// Every trial has its own seed and its own random construct. Pure; thread safe.
/// </summary>
public static class VerificationEvaluation
{
    /// <summary>Payload molecule fractions tried.</summary>
    public static IReadOnlyList<double> PayloadFractions { get; } = [0.01, 0.005, 0.002, 0.001];

    /// <summary>Runs <paramref name="trials"/> products per condition and read count.</summary>
    public static VerificationReport Run(int seed, int trials, IReadOnlyList<int> readLadder, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(readLadder);
        const int productLength = 2000;
        const int payloadLength = 4200;
        var profile = ErrorProfile.ShortReads;
        var conditions = new List<string> { "clean" };
        conditions.AddRange(PayloadFractions.Select(f => string.Create(CultureInfo.InvariantCulture, $"payload {f * 100:0.0##} %")));
        conditions.Add("point substitution");
        conditions.Add("truncated 5-30 %");
        var jobs = (from c in Enumerable.Range(0, conditions.Count) from r in readLadder from t in Enumerable.Range(0, trials) select (c, r, t)).ToList();
        var failed = new bool[jobs.Count];
        var foreign = new int[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancel }, i =>
        {
            var (c, reads, t) = jobs[i];
            var trialSeed = HashCode.Combine(seed, c, reads, t) & int.MaxValue;
            var random = new Random(trialSeed);
            var ordered = Construct(random, productLength);
            var molecules = new List<(string, double)>();
            var condition = conditions[c];
            if (condition.StartsWith("payload", StringComparison.Ordinal))
            {
                var fraction = PayloadFractions[c - 1];
                molecules.Add((ordered, 1 - fraction));
                molecules.Add((Construct(random, payloadLength), fraction));
            }
            else if (condition == "point substitution")
            {
                var chars = ordered.ToCharArray();
                var at = random.Next(chars.Length);
                chars[at] = Sequences.Dna.Base((Sequences.Dna.Code(chars[at]) + random.Next(1, 4)) & 3);
                molecules.Add((new string(chars), 1));
            }
            else if (condition.StartsWith("truncated", StringComparison.Ordinal))
            {
                var keep = (int)(productLength * (0.70 + (0.25 * random.NextDouble())));
                molecules.Add((ordered[..keep], 1));
            }
            else
            {
                molecules.Add((ordered, 1));
            }
            var simulated = new ReadSimulator(profile, trialSeed + 1).Simulate(molecules, reads);
            var result = ProductVerifier.Verify(ordered, simulated, VerificationPolicy.Default);
            failed[i] = !result.Passed;
            foreign[i] = result.ForeignReads;
        });
        var cells = new List<VerificationCell>();
        for (var c = 0; c < conditions.Count; c++)
        {
            foreach (var reads in readLadder)
            {
                var index = Enumerable.Range(0, jobs.Count).Where(i => jobs[i].c == c && jobs[i].r == reads).ToList();
                cells.Add(new VerificationCell(conditions[c], reads, index.Count, index.Count(i => failed[i]), index.Average(i => (double)foreign[i])));
            }
        }
        var minimum = conditions.Skip(1).ToDictionary(
            c => c,
            c => cells.Where(x => x.Condition == c && x.FailedPercent >= 95).Select(x => (int?)x.Reads).Min(),
            StringComparer.Ordinal);
        return new VerificationReport(seed, productLength, payloadLength, profile, cells, minimum);
    }

    /// <summary>A random coding construct: ATG, codons of natural amino-acid frequency, a stop.</summary>
    public static string Construct(Random random, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        var dna = new StringBuilder(length + 3);
        dna.Append("ATG");
        while (dna.Length < length - 3)
        {
            dna.Append(SyntheticConcerns.RandomCodon(random, SyntheticConcerns.RandomAminoAcid(random)));
        }
        dna.Append("TAA");
        return dna.ToString();
    }
}
