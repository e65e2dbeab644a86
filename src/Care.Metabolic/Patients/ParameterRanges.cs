namespace Care.Metabolic.Patients;

/// <summary>
/// Plausible ranges of the UVA/Padova parameters read from <c>vpatient_params.csv</c> and
/// <c>Quest.csv</c>. They are deliberately wide — they hold the 30 published patients, most with a
/// margin of an order of magnitude (fractions up to 1) — and exist to refuse absurd values (a negative body
/// weight, a rate of −1e300/min) that would otherwise run and print nonsense such as a mean
/// glucose of −2e296 mg/dL. Rates must be positive: a zero rate divides by zero in the steady state.
/// </summary>
internal static class ParameterRanges
{
    private static readonly PlausibleRange Rate = new(1e-6, 10, "1/min");
    private static readonly PlausibleRange Fraction = new(1e-6, 1, "(fraction)");
    private static readonly PlausibleRange InitialState = new(0, 1e6, "(MODEL.md section 2 units)");

    private static readonly Dictionary<string, PlausibleRange> Ranges = new(StringComparer.Ordinal)
    {
        ["BW"] = new(1, 350, "kg"),
        ["kabs"] = Rate, ["kmax"] = Rate, ["kmin"] = Rate, ["k1"] = Rate, ["k2"] = Rate, ["kp2"] = Rate,
        ["ke1"] = Rate, ["p2u"] = Rate, ["ki"] = Rate, ["m1"] = Rate, ["m2"] = Rate, ["m4"] = Rate,
        ["m30"] = Rate, ["ka1"] = Rate, ["ka2"] = Rate, ["kd"] = Rate, ["ksc"] = Rate,
        ["b"] = Fraction, ["d"] = Fraction, ["f"] = Fraction,
        ["Vg"] = new(0.1, 10, "dL/kg"),
        ["Vi"] = new(0.001, 1, "L/kg"),
        ["kp1"] = new(0.01, 100, "mg/kg/min"),
        ["kp3"] = new(0, 1, "mg/kg/min per pmol/L"),
        ["Fsnc"] = new(0, 10, "mg/kg/min"),
        ["ke2"] = new(0, 2000, "mg/kg"),
        ["Vm0"] = new(0, 100, "mg/kg/min"),
        ["Vmx"] = new(0, 10, "mg/kg/min per pmol/L"),
        ["Km0"] = new(1, 5000, "mg/kg"),
        ["Ib"] = new(0, 5000, "pmol/L"),
        ["u2ss"] = new(0, 100, "pmol/kg/min"),
        ["CR"] = new(0.5, 150, "g/U"),
        ["CF"] = new(1, 1000, "mg/dL per U"),
        ["Age"] = new(0, 120, "years"),
        ["TDI"] = new(0.5, 500, "U/day"),
    };

    /// <summary>The range of column <paramref name="column"/>; initial-state columns (<c>x0_…</c>) share one.</summary>
    public static PlausibleRange For(string column) =>
        Ranges.TryGetValue(column, out var range) ? range
        : column.StartsWith("x0_", StringComparison.Ordinal) ? InitialState
        : throw new ArgumentOutOfRangeException(nameof(column), column, "no plausible range is defined for this parameter");
}
