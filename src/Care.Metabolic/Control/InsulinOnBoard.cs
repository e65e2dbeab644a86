namespace Care.Metabolic.Control;

/// <summary>
/// Insulin on board with a two-compartment subcutaneous model of equal time constants τ
/// (dS1/dt = u - S1/τ, dS2/dt = (S1 - S2)/τ; IOB = S1 + S2; activity = S2/τ). A bolus B has
/// IOB(t) = B (1 + t/τ) e^{-t/τ}, peak action at t = τ. Advanced exactly for piecewise-constant
/// infusions; O(1) per step, no allocation. Not thread-safe.
/// </summary>
public sealed class InsulinOnBoard
{
    private readonly double _tau;
    private double _s1;
    private double _s2;

    /// <summary>Creates an empty tracker with time constant <paramref name="tauMinutes"/> (minutes, 10..300).</summary>
    public InsulinOnBoard(double tauMinutes)
    {
        if (!(tauMinutes >= 10 && tauMinutes <= 300))
        {
            throw new ArgumentOutOfRangeException(nameof(tauMinutes), tauMinutes, "time constant must be 10..300 minutes");
        }
        _tau = tauMinutes;
    }

    /// <summary>The time constant τ in minutes.</summary>
    public double TauMinutes => _tau;

    /// <summary>Insulin on board in U.</summary>
    public double Units => _s1 + _s2;

    /// <summary>Insulin acting now, in U/min.</summary>
    public double ActivityUnitsPerMinute => _s2 / _tau;

    /// <summary>The first (depot) compartment in U; with <see cref="Compartment2Units"/> the whole state.</summary>
    public double Compartment1Units => _s1;

    /// <summary>The second (acting) compartment in U.</summary>
    public double Compartment2Units => _s2;

    /// <summary>Sets both compartments (U, finite), as a snapshot recorded them.</summary>
    public void SetCompartments(double compartment1Units, double compartment2Units)
    {
        if (!double.IsFinite(compartment1Units) || !double.IsFinite(compartment2Units))
        {
            throw new ArgumentOutOfRangeException(nameof(compartment1Units), "insulin compartments must be finite");
        }
        _s1 = compartment1Units;
        _s2 = compartment2Units;
    }

    /// <summary>Sets the state to the steady state of a constant infusion (U/min).</summary>
    public void SetSteadyState(double unitsPerMinute)
    {
        _s1 = unitsPerMinute * _tau;
        _s2 = _s1;
    }

    /// <summary>Adds a bolus (U, ≥ 0) now.</summary>
    public void AddBolus(double units)
    {
        if (units > 0)
        {
            _s1 += units;
        }
    }

    /// <summary>Advances <paramref name="minutes"/> (≥ 0) with a constant infusion of <paramref name="unitsPerMinute"/> (≥ 0).</summary>
    public void Advance(double minutes, double unitsPerMinute)
    {
        if (!(minutes > 0))
        {
            return;
        }
        Advance(ref _s1, ref _s2, minutes, Math.Max(0, unitsPerMinute), _tau);
    }

    /// <summary>
    /// The exact solution of the two compartments over <paramref name="minutes"/> of a constant
    /// infusion; the infusion may be negative when the compartments hold insulin relative to a basal.
    /// </summary>
    internal static void Advance(ref double s1, ref double s2, double minutes, double unitsPerMinute, double tau)
    {
        var rt = unitsPerMinute * tau;
        var a = minutes / tau;
        var e = Math.Exp(-a);
        var n1 = rt + (s1 - rt) * e;
        var n2 = rt + (s2 - rt) * e + (s1 - rt) * a * e;
        s1 = n1;
        s2 = n2;
    }

    /// <summary>The IOB that would remain after <paramref name="minutes"/> with no further insulin (U).</summary>
    public double RemainingAfter(double minutes)
    {
        var a = minutes / _tau;
        var e = Math.Exp(-a);
        return _s1 * e + _s2 * e + _s1 * a * e;
    }
}
