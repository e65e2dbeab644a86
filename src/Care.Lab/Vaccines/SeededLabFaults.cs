namespace Care.Lab.Vaccines;

/// <summary>
/// Faults the simulated instruments inject, drawn from a seeded generator at rate <see cref="Rate"/>
/// per opportunity: a failed run (the instrument ends the job without a product), a lost connection
/// (a report to Hermes does not arrive), a power cut mid-job (the process dies between a job's start
/// and its result). The same seed and rate give the same faults. Not thread safe (one line uses it).
/// </summary>
public sealed class SeededLabFaults
{
    private readonly Random _random;

    /// <summary>No faults.</summary>
    public static SeededLabFaults None => new(0, 0);

    /// <summary>Creates faults at <paramref name="rate"/> (0–0.5) per opportunity, seeded by <paramref name="seed"/>.</summary>
    public SeededLabFaults(double rate, int seed)
    {
        if (!(rate is >= 0 and <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the fault rate must be between 0 and 0.5");
        }
        Rate = rate;
        _random = new Random(seed);
    }

    /// <summary>Probability of each fault at each opportunity.</summary>
    public double Rate { get; }

    /// <summary>Faults injected so far, by kind.</summary>
    public int FailedRuns { get; private set; }

    /// <summary>Lost connections injected so far.</summary>
    public int LostConnections { get; private set; }

    /// <summary>Power cuts injected so far.</summary>
    public int PowerCuts { get; private set; }

    /// <summary>True when this run fails.</summary>
    public bool FailRun() => Draw() && ++FailedRuns > 0;

    /// <summary>True when this report to Hermes is lost.</summary>
    public bool LoseConnection() => Draw() && ++LostConnections > 0;

    /// <summary>True when the power goes now.</summary>
    public bool CutPower() => Draw() && ++PowerCuts > 0;

    private bool Draw() => Rate > 0 && _random.NextDouble() < Rate;
}
