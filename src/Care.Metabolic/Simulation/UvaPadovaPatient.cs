using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Care.Metabolic.Patients;

namespace Care.Metabolic.Simulation;

/// <summary>
/// One virtual patient of the UVA/Padova T1D model (MODEL.md section 5): 13 states, gastric
/// emptying, subcutaneous insulin and interstitial glucose, advanced in 1-minute steps with
/// inputs held constant over each minute. Integrates with classical RK4: a fixed number of
/// sub-steps per minute, and at least <see cref="EatingStepsPerMinute"/> in a minute in which
/// carbohydrate is eaten (the intake and the gastric-emptying law switch at its edges, which is where
/// almost all of the one-step error arises). It allocates only at construction. Not thread-safe:
/// one instance per thread.
/// </summary>
public sealed class UvaPadovaPatient
{
    /// <summary>MODEL.md section 5: the patient eats at most 5 g of announced carbohydrate per minute.</summary>
    public const double EatRateGramsPerMinute = 5.0;

    /// <summary>
    /// The default RK4 sub-steps per minute. With <see cref="EatingStepsPerMinute"/> sub-steps in
    /// eating minutes, section 1's reference trace is reproduced within 6.4e-5 mg/dL (the same as 20
    /// sub-steps in every minute; 1 sub-step everywhere: 8.1e-3, 2 everywhere: 8.6e-4).
    /// </summary>
    public const int DefaultStepsPerMinute = 1;

    /// <summary>The least RK4 sub-steps in a minute in which carbohydrate is eaten.</summary>
    public const int EatingStepsPerMinute = 4;

    private readonly PatientParameters _p;
    private StateVector _x;
    private readonly int _stepsPerMinute;
    private readonly int _eatingStepsPerMinute;
    private readonly double _kmax, _kmin, _kabs, _b, _d, _fOverBw, _kp2, _kp3, _fsnc, _ke1, _ke2;
    private readonly double _k1g, _k2g, _vm0, _km0, _p2u, _ib, _ki, _m1, _m2m4, _m2, _m1m30;
    private double _kp1, _vmx;
    private double _sensitivity = 1.0;
    private double _production = 1.0;
    private readonly double _ka1, _ka2, _kd, _ka1kd, _ksc, _invVi, _insulinToPmolPerKg;

    private double _pendingGrams;
    private double _lastCho;
    private double _stomachAtMealStartMg;
    private double _gramsEaten;

    /// <summary>Creates the patient at its basal steady state (the CSV initial state).</summary>
    /// <param name="parameters">The virtual patient's physiology.</param>
    /// <param name="stepsPerMinute">RK4 sub-steps per minute (1..100); minutes with intake use at least <see cref="EatingStepsPerMinute"/>.</param>
    public UvaPadovaPatient(PatientParameters parameters, int stepsPerMinute = DefaultStepsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepsPerMinute, 100);
        _p = parameters;
        _stepsPerMinute = stepsPerMinute;
        _eatingStepsPerMinute = Math.Max(stepsPerMinute, EatingStepsPerMinute);
        _kmax = _p.Kmax;
        _kmin = _p.Kmin;
        _kabs = _p.Kabs;
        _b = _p.B;
        _d = _p.D;
        _fOverBw = _p.F / _p.BW;
        _kp1 = _p.Kp1;
        _kp2 = _p.Kp2;
        _kp3 = _p.Kp3;
        _fsnc = _p.Fsnc;
        _ke1 = _p.Ke1;
        _ke2 = _p.Ke2;
        _k1g = _p.K1;
        _k2g = _p.K2;
        _vm0 = _p.Vm0;
        _vmx = _p.Vmx;
        _km0 = _p.Km0;
        _p2u = _p.P2u;
        _ib = _p.Ib;
        _ki = _p.Ki;
        _m1 = _p.M1;
        _m2 = _p.M2;
        _m2m4 = _p.M2 + _p.M4;
        _m1m30 = _p.M1 + _p.M30;
        _ka1 = _p.Ka1;
        _ka2 = _p.Ka2;
        _kd = _p.Kd;
        _ka1kd = _p.Ka1 + _p.Kd;
        _ksc = _p.Ksc;
        _invVi = 1.0 / _p.Vi;
        _insulinToPmolPerKg = 6000.0 / _p.BW;
        Reset();
    }

    /// <summary>The patient's parameters.</summary>
    public PatientParameters Parameters => _p;

    /// <summary>Minutes simulated since construction or <see cref="Reset"/>.</summary>
    public long Minute { get; private set; }

    /// <summary>Subcutaneous glucose, the simulator's "BG": G_s / Vg in mg/dL (MODEL.md section 5).</summary>
    public double GlucoseMgPerDl => _x[12] / _p.Vg;

    /// <summary>Plasma glucose G_p / Vg in mg/dL.</summary>
    public double PlasmaGlucoseMgPerDl => _x[3] / _p.Vg;

    /// <summary>
    /// Multiplier on insulin-dependent glucose utilisation (Vmx), 1 by default: above 1 models the
    /// raised insulin sensitivity of exercise. Must be finite and &gt; 0.
    /// </summary>
    public double InsulinSensitivityMultiplier
    {
        get => _sensitivity;
        set
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "must be finite and > 0");
            }
            _sensitivity = value;
            _vmx = _p.Vmx * value;
        }
    }

    /// <summary>
    /// Multiplier on basal endogenous glucose production (kp1), 1 by default: above 1 models the
    /// dawn phenomenon. Must be finite and &gt; 0.
    /// </summary>
    public double EndogenousProductionMultiplier
    {
        get => _production;
        set
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "must be finite and > 0");
            }
            _production = value;
            _kp1 = _p.Kp1 * value;
        }
    }

    /// <summary>Carbohydrate announced but not yet eaten, in grams.</summary>
    public double PendingCarbsGrams => _pendingGrams;

    /// <summary>The current state (13 values, units of MODEL.md section 2).</summary>
    public ReadOnlySpan<double> State => MemoryMarshal.CreateReadOnlySpan(ref _x[0], StateVector.Length);

    /// <summary>Returns to the basal steady state at minute 0 with nothing pending.</summary>
    public void Reset()
    {
        for (var i = 0; i < StateVector.Length; i++)
        {
            _x[i] = _p.InitialState[i];
        }
        Minute = 0;
        InsulinSensitivityMultiplier = 1.0;
        EndogenousProductionMultiplier = 1.0;
        _pendingGrams = 0;
        _lastCho = 0;
        _stomachAtMealStartMg = 0;
        _gramsEaten = 0;
    }

    /// <summary>Adds a meal of <paramref name="grams"/> (≥ 0, finite) to what the patient will eat at 5 g/min.</summary>
    public void AnnounceMeal(double grams)
    {
        if (!(grams >= 0) || !double.IsFinite(grams))
        {
            throw new ArgumentOutOfRangeException(nameof(grams), grams, "meal must be a finite number of grams >= 0");
        }
        _pendingGrams += grams;
    }

    /// <summary>
    /// Advances one minute, eating up to 5 g from the announced meals, with insulin delivered at
    /// <paramref name="insulinUnitsPerMinute"/> (U/min, ≥ 0). Returns the grams eaten in the minute.
    /// </summary>
    public double Step(double insulinUnitsPerMinute)
    {
        var cho = Math.Min(EatRateGramsPerMinute, _pendingGrams);
        _pendingGrams -= cho;
        StepWithIntake(cho, insulinUnitsPerMinute);
        return cho;
    }

    /// <summary>
    /// Advances one minute with carbohydrate eaten at <paramref name="choGramsPerMinute"/> (g/min)
    /// and insulin at <paramref name="insulinUnitsPerMinute"/> (U/min), both held over the minute.
    /// Negative or non-finite inputs throw <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public void StepWithIntake(double choGramsPerMinute, double insulinUnitsPerMinute)
    {
        if (!(choGramsPerMinute >= 0) || !double.IsFinite(choGramsPerMinute))
        {
            throw new ArgumentOutOfRangeException(nameof(choGramsPerMinute), choGramsPerMinute, "must be finite and >= 0");
        }
        if (!(insulinUnitsPerMinute >= 0) || !double.IsFinite(insulinUnitsPerMinute))
        {
            throw new ArgumentOutOfRangeException(nameof(insulinUnitsPerMinute), insulinUnitsPerMinute, "must be finite and >= 0");
        }
        // MODEL.md "Meal intake bookkeeping": a new eating episode snapshots the stomach content.
        if (choGramsPerMinute > 0 && _lastCho <= 0)
        {
            _stomachAtMealStartMg = _x[0] + _x[1];
            _gramsEaten = 0;
        }
        if (choGramsPerMinute > 0)
        {
            _gramsEaten += choGramsPerMinute;
        }
        _lastCho = choGramsPerMinute;
        var dBar = _stomachAtMealStartMg + 1000.0 * _gramsEaten;
        var mealMgPerMin = 1000.0 * choGramsPerMinute;
        var u = insulinUnitsPerMinute * _insulinToPmolPerKg;
        var steps = choGramsPerMinute > 0 ? _eatingStepsPerMinute : _stepsPerMinute;
        var h = 1.0 / steps;
        for (var s = 0; s < steps; s++)
        {
            Rk4(h, mealMgPerMin, u, dBar);
        }
        Minute++;
    }

    private void Rk4(double h, double meal, double u, double dBar)
    {
        // Stack-only stages: no arrays, no bounds checks on the hot path.
        StateVector k1 = default, k2 = default, k3 = default, k4 = default, t = default;
        Derivatives(in _x, ref k1, meal, u, dBar);
        for (var i = 0; i < StateVector.Length; i++)
        {
            t[i] = _x[i] + 0.5 * h * k1[i];
        }
        Derivatives(in t, ref k2, meal, u, dBar);
        for (var i = 0; i < StateVector.Length; i++)
        {
            t[i] = _x[i] + 0.5 * h * k2[i];
        }
        Derivatives(in t, ref k3, meal, u, dBar);
        for (var i = 0; i < StateVector.Length; i++)
        {
            t[i] = _x[i] + h * k3[i];
        }
        Derivatives(in t, ref k4, meal, u, dBar);
        var h6 = h / 6.0;
        for (var i = 0; i < StateVector.Length; i++)
        {
            _x[i] += h6 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        }
    }

    private void Derivatives(in StateVector x, ref StateVector dx, double meal, double u, double dBar)
    {
        var qsto = x[0] + x[1];
        double kempt;
        if (dBar > 0)
        {
            var alpha = 5.0 / (2.0 * dBar * (1.0 - _b));
            var beta = 5.0 / (2.0 * dBar * _d);
            kempt = _kmin + (_kmax - _kmin) / 2.0 * (Tanh(alpha * (qsto - _b * dBar)) - Tanh(beta * (qsto - _d * dBar)) + 2.0);
        }
        else
        {
            kempt = _kmax;
        }
        dx[0] = -_kmax * x[0] + meal;
        dx[1] = _kmax * x[0] - kempt * x[1];
        dx[2] = kempt * x[1] - _kabs * x[2];

        var ra = _fOverBw * _kabs * x[2];
        var egp = Math.Max(0.0, _kp1 - _kp2 * x[3] - _kp3 * x[8]);
        var renal = x[3] > _ke2 ? _ke1 * (x[3] - _ke2) : 0.0;
        var gp = egp + ra - _fsnc - renal - _k1g * x[3] + _k2g * x[4];
        dx[3] = x[3] >= 0 ? gp : 0.0;
        var uid = (_vm0 + _vmx * x[6]) * x[4] / (_km0 + x[4]);
        var gt = -uid + _k1g * x[3] - _k2g * x[4];
        dx[4] = x[4] >= 0 ? gt : 0.0;

        var ip = -_m2m4 * x[5] + _m1 * x[9] + _ka1 * x[10] + _ka2 * x[11];
        dx[5] = x[5] >= 0 ? ip : 0.0;
        var plasmaInsulin = x[5] * _invVi;
        dx[6] = -_p2u * x[6] + _p2u * (plasmaInsulin - _ib);
        dx[7] = -_ki * (x[7] - plasmaInsulin);
        dx[8] = -_ki * (x[8] - x[7]);
        var il = -_m1m30 * x[9] + _m2 * x[5];
        dx[9] = x[9] >= 0 ? il : 0.0;
        var isc1 = u - _ka1kd * x[10];
        dx[10] = x[10] >= 0 ? isc1 : 0.0;
        var isc2 = _kd * x[10] - _ka2 * x[11];
        dx[11] = x[11] >= 0 ? isc2 : 0.0;
        var gs = -_ksc * x[12] + _ksc * x[3];
        dx[12] = x[12] >= 0 ? gs : 0.0;
    }

    // tanh through one exponential: 1 - 2/(e^{2x} + 1); exact to ~1e-16 absolute, several times
    // faster than Math.Tanh, and it saturates cleanly (e^{2x} → ∞ gives 1, → 0 gives -1).
    private static double Tanh(double x) => 1.0 - 2.0 / (Math.Exp(2.0 * x) + 1.0);

    [InlineArray(Length)]
    private struct StateVector
    {
        public const int Length = 13;
        private double _element;
    }
}
