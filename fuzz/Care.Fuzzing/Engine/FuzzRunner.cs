using System.Diagnostics;

namespace Care.Fuzzing.Engine;

/// <summary>
/// A seeded mutation fuzzer without instrumentation: picks a corpus input, mutates it, runs it, keeps
/// it when it produces a refusal (or acceptance) of a shape not seen before — the messages name what
/// was wrong, so a new shape means a new check was reached — and records every undocumented exception
/// and every input slower than the per-input limit as a finding, minimised. Deterministic for a seed
/// (apart from timing). One runner per thread.
/// </summary>
internal sealed class FuzzRunner(IFuzzTarget target, int seed, TimeSpan perInputLimit, int maxInputBytes = 1 << 20)
{
    private const int MaxCorpus = 4096;
    private long _startedTicks;
    private byte[]? _current;

    /// <summary>The input being run and when it started (ticks of <see cref="Stopwatch"/>), for a hang watchdog.</summary>
    public (byte[]? Input, long StartedTicks) Current => (Volatile.Read(ref _current), Interlocked.Read(ref _startedTicks));

    /// <summary>Runs <paramref name="executions"/> mutated inputs, then returns the report.</summary>
    public FuzzReport Run(long executions, Action<long, int>? progress = null)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random, target.Dictionary, maxInputBytes);
        var corpus = new List<byte[]>(target.Seeds);
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var findings = new Dictionary<string, FuzzFinding>(StringComparer.Ordinal);
        long accepted = 0, refused = 0;
        var limitTicks = (long)(perInputLimit.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < executions; i++)
        {
            var parent = corpus[random.Next(corpus.Count)];
            var input = i < target.Seeds.Count ? target.Seeds[(int)i] : mutator.Mutate(parent, corpus[random.Next(corpus.Count)]);
            Volatile.Write(ref _current, input);
            var started = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref _startedTicks, started);
            var (finding, kind) = Outcome.Run(target, input);
            var took = Stopwatch.GetTimestamp() - started;
            Interlocked.Exchange(ref _startedTicks, 0);
            if (finding is not null)
            {
                if (!findings.ContainsKey(finding))
                {
                    findings[finding] = new FuzzFinding(target.Name, finding, Minimizer.Minimise(target, input, finding), kind);
                }
                continue;
            }
            if (took > limitTicks && !findings.ContainsKey("hang"))
            {
                findings["hang"] = new FuzzFinding(target.Name, "hang", input, $"took {took * 1000.0 / Stopwatch.Frequency:F0} ms, limit {perInputLimit.TotalMilliseconds:F0} ms");
            }
            if (kind == "ok")
            {
                accepted++;
            }
            else
            {
                refused++;
            }
            if (shapes.Add(kind) && corpus.Count < MaxCorpus)
            {
                corpus.Add(input);
            }
            if (progress is not null && (i + 1) % 100_000 == 0)
            {
                progress(i + 1, findings.Count);
            }
        }
        return new FuzzReport(target.Name, seed, executions, clock.Elapsed, accepted, refused, corpus.Count, [.. findings.Values]);
    }
}
