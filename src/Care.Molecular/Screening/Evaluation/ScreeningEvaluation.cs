namespace Care.Molecular.Screening.Evaluation;

/// <summary>
/// The screening evaluation behind <c>care eval screening</c>: a synthetic database from a seed,
/// its evasion suite (each case ordered by its own customer through <see cref="CustomerScreening"/>),
/// the benign controls and as many natural-like random sequences of the same lengths. Pure; thread safe.
/// </summary>
public static class ScreeningEvaluation
{
    /// <summary>Runs the evaluation.</summary>
    /// <param name="controls">Benign sequences (id, DNA, commec outcome or null).</param>
    /// <param name="seed">Seed of database, suite and random controls.</param>
    /// <param name="entries">Entries of concern to generate.</param>
    /// <param name="perClass">Cases per evasion class.</param>
    /// <param name="cancel">Stops between cases.</param>
    public static ScreeningReport Run(IReadOnlyList<(string Id, string Dna, string? Commec)> controls, int seed, int entries, int perClass, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(controls);
        var concerns = SyntheticConcerns.Generate(seed, entries);
        var database = ConcernDatabase.Build(concerns, ScreeningPolicy.Default);
        var customers = new CustomerScreening(database);
        var backbones = controls.Where(c => c.Dna.Length >= 2000).Select(c => c.Dna).ToList();
        var cases = EvasionSuite.Generate(concerns, backbones.Count > 0 ? backbones : [.. controls.Select(c => c.Dna)], seed + 1, perClass);
        var detected = new bool[cases.Count];
        var best = new int[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancel }, i =>
        {
            foreach (var order in cases[i].Orders)
            {
                var decision = customers.Screen(cases[i].CustomerId, order);
                best[i] = Math.Max(best[i], decision.Order.Coverage.Values.DefaultIfEmpty(0).Max());
                detected[i] |= decision.Flagged;
            }
        });
        var classes = EvasionSuite.TargetClasses.Select(c => (c, true)).Concat(EvasionSuite.StressClasses.Select(c => (c, false)))
            .Select(p => new EvasionClassScore(p.c, p.Item2, cases.Count(x => x.Class == p.c), Enumerable.Range(0, cases.Count).Count(i => cases[i].Class == p.c && detected[i])))
            .ToList();
        var misses = Enumerable.Range(0, cases.Count).Where(i => !detected[i])
            .Select(i => new EvasionMiss(cases[i].Class, cases[i].Number, cases[i].EntryId, cases[i].Detail, best[i])).ToList();
        var natural = NaturalLikeSequences.Generate([.. controls.Select(c => c.Dna)], [.. controls.Select(c => c.Dna.Length)], seed + 2);
        var negatives = controls.Select(c => ("control", c.Id, c.Dna, c.Commec))
            .Concat(natural.Select((d, i) => ("natural-like", $"markov-{i + 1:D2}", d, (string?)null))).ToList();
        var benign = new List<BenignOutcome>();
        var benignFlags = 0;
        foreach (var (set, id, dna, commec) in negatives)
        {
            var alone = new OrderScreener(database).Screen(dna);
            var together = customers.Screen("benign-customer", dna);
            benignFlags += together.Flagged ? 1 : 0;
            benign.Add(new BenignOutcome(set, id, dna.Length, alone.Flagged, alone.Hits.Count, commec));
        }
        return new ScreeningReport(seed, entries, database.WindowCount, classes, misses, benign, benignFlags);
    }
}
