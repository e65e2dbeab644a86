using Care.Molecular.Sequences;

namespace Care.Molecular.Mapping;

/// <summary>
/// Simulates sequencing of a product: molecules drawn by weight from a pool, each fragmented at
/// a random place (fragments may start before or run past a molecule's ends and are cut there),
/// read on a random strand with the profile's substitutions and indels. Errors get Phred 12, other
/// bases Phred 35. Deterministic for a seed; not thread safe (one instance per thread).
/// </summary>
public sealed class ReadSimulator
{
    private readonly Random _random;
    private readonly ErrorProfile _profile;

    /// <summary>Creates a simulator.</summary>
    public ReadSimulator(ErrorProfile profile, int seed)
    {
        _profile = profile;
        _random = new Random(seed);
    }

    /// <summary>
    /// <paramref name="count"/> reads from <paramref name="molecules"/> (sequence, relative number
    /// of molecules ≥ 0), named <c>read-000001</c>….
    /// </summary>
    public IReadOnlyList<FastqRecord> Simulate(IReadOnlyList<(string Sequence, double Weight)> molecules, int count)
    {
        ArgumentNullException.ThrowIfNull(molecules);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var total = molecules.Sum(m => m.Weight);
        if (molecules.Count == 0 || !(total > 0))
        {
            throw new ArgumentException("molecules need a positive total weight", nameof(molecules));
        }
        var reads = new List<FastqRecord>(count);
        while (reads.Count < count)
        {
            var u = _random.NextDouble() * total;
            var m = 0;
            while (m < molecules.Count - 1 && (u -= molecules[m].Weight) > 0)
            {
                m++;
            }
            var molecule = molecules[m].Sequence;
            var length = (int)Math.Round(_profile.MeanLength + (_profile.LengthSd * Gaussian()));
            var start = _random.Next(-length + _profile.MinLength, molecule.Length - _profile.MinLength + 1);
            var a = Math.Max(0, start);
            var b = Math.Min(molecule.Length, start + length);
            if (b - a < _profile.MinLength)
            {
                continue;
            }
            var fragment = molecule[a..b];
            if (_random.Next(2) == 1)
            {
                fragment = Dna.ReverseComplement(fragment);
            }
            reads.Add(Read($"read-{reads.Count + 1:D6}", fragment));
        }
        return reads;
    }

    private FastqRecord Read(string id, string fragment)
    {
        var bases = new List<char>(fragment.Length + 8);
        var qualities = new List<byte>(fragment.Length + 8);
        foreach (var c in fragment)
        {
            var u = _random.NextDouble();
            if (u < _profile.Deletion)
            {
                continue;
            }
            if (u < _profile.Deletion + _profile.Insertion)
            {
                bases.Add(Dna.Base(_random.Next(4)));
                qualities.Add(12);
            }
            if (_random.NextDouble() < _profile.Substitution)
            {
                bases.Add(Dna.Base((Dna.Code(c) + _random.Next(1, 4)) & 3));
                qualities.Add(12);
            }
            else
            {
                bases.Add(c);
                qualities.Add(35);
            }
        }
        return new FastqRecord(id, new string([.. bases]), [.. qualities]);
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
