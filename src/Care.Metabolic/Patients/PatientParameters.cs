namespace Care.Metabolic.Patients;

/// <summary>
/// The physiological parameters of one virtual patient of the UVA/Padova simulator (one row of
/// <c>vpatient_params.csv</c>), in the units of MODEL.md section 3. Only the simulator reads these;
/// controllers must use <see cref="QuestParameters"/>.
/// </summary>
public sealed record PatientParameters
{
    /// <summary>Patient name as in the files, e.g. <c>adolescent#001</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The 13 initial states (basal steady state), units of MODEL.md section 2.</summary>
    public required IReadOnlyList<double> InitialState { get; init; }

#pragma warning disable CS1591 // Model constants named as in the CSV and MODEL.md section 3; units are documented there.
    public required double BW { get; init; }
    public required double Kabs { get; init; }
    public required double Kmax { get; init; }
    public required double Kmin { get; init; }
    public required double B { get; init; }
    public required double D { get; init; }
    public required double F { get; init; }
    public required double Vg { get; init; }
    public required double Vi { get; init; }
    public required double K1 { get; init; }
    public required double K2 { get; init; }
    public required double Kp1 { get; init; }
    public required double Kp2 { get; init; }
    public required double Kp3 { get; init; }
    public required double Fsnc { get; init; }
    public required double Ke1 { get; init; }
    public required double Ke2 { get; init; }
    public required double Vm0 { get; init; }
    public required double Vmx { get; init; }
    public required double Km0 { get; init; }
    public required double P2u { get; init; }
    public required double Ib { get; init; }
    public required double Ki { get; init; }
    public required double M1 { get; init; }
    public required double M2 { get; init; }
    public required double M4 { get; init; }
    public required double M30 { get; init; }
    public required double Ka1 { get; init; }
    public required double Ka2 { get; init; }
    public required double Kd { get; init; }
    public required double Ksc { get; init; }
    public required double U2ss { get; init; }
#pragma warning restore CS1591

    /// <summary>Basal glucose Gb in mg/dL (the initial BG).</summary>
    public double BasalGlucoseMgPerDl => InitialState[12] / Vg;

    /// <summary>The insulin rate in U/min that holds the basal steady state: u2ss * BW / 6000.</summary>
    public double SteadyStateBasalUnitsPerMinute => U2ss * BW / 6000.0;
}
