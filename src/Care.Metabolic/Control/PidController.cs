using Care.Metabolic.Patients;
using Care.Metabolic.Safety;

namespace Care.Metabolic.Control;

/// <summary>
/// A proportional-integral-derivative controller with insulin feedback, after Steil et al.
/// (Diabetes 2006;55:3344) and the PID-IFB of Ruiz et al. (J Diabetes Sci Technol 2012): pure
/// feedback on CGM (no meal announcements), gains scaled by the total daily insulin of
/// <c>Quest.csv</c>, and the commanded rate reduced by the estimated insulin activity so that
/// insulin already given is not stacked. Target 120 mg/dL. Not thread-safe.
/// </summary>
public sealed class PidController : IInsulinController
{
    private const double TargetMgPerDl = 120;
    private const double IntegralMinutes = 240;
    private const double DerivativeMinutes = 60;
    private const double FeedbackGamma = 0.5;

    private readonly double _basal;
    private readonly double _kp;
    private readonly InsulinOnBoard _iob = new(60);
    private double _integral;
    private double _lastGlucose = double.NaN;
    private DateTimeOffset _lastTime;
    private double _derivative;

    /// <summary>Creates the controller from the questionnaire.</summary>
    public PidController(QuestParameters quest)
    {
        _basal = 0.5 * quest.TotalDailyInsulinUnits / 24.0;
        // Gain: 1/60 of the hourly basal per mg/dL above target (Steil's Kp scales with TDI).
        _kp = _basal / 60.0;
        _iob.SetSteadyState(_basal / 60.0);
    }

    /// <inheritdoc/>
    public string Name => "pid";

    /// <inheritdoc/>
    public InsulinRequest Decide(in ControllerInput input)
    {
        var g = input.CgmMgPerDl;
        if (!double.IsFinite(g))
        {
            return new InsulinRequest(_basal, 0, "no CGM: basal");
        }
        var dt = double.IsNaN(_lastGlucose) ? 0 : (input.Time - _lastTime).TotalMinutes;
        if (dt > 0)
        {
            // Smoothed derivative (first-order filter, 15 min) so sensor noise is not amplified.
            var raw = (g - _lastGlucose) / dt;
            _derivative += (raw - _derivative) * Math.Min(1, dt / 15.0);
        }
        _lastGlucose = g;
        _lastTime = input.Time;
        var error = g - TargetMgPerDl;
        var candidate = _integral + _kp * error * dt / IntegralMinutes;
        var pid = _basal + _kp * error + candidate + _kp * DerivativeMinutes * _derivative;
        // Anti-windup: the integral only moves while the output is within 0..4× basal.
        if (pid > 0 && pid < 4 * _basal)
        {
            _integral = candidate;
        }
        var rate = (1 + FeedbackGamma) * pid - FeedbackGamma * _iob.ActivityUnitsPerMinute * 60.0;
        rate = Math.Clamp(rate, 0, 4 * _basal);
        return new InsulinRequest(rate, 0, new DeferredText("PID-IFB error {1:F0} mg/dL", null, error));
    }

    /// <inheritdoc/>
    public void Delivered(DoseRecord dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        _iob.AddBolus(dose.BolusUnits);
        _iob.Advance(dose.Duration.TotalMinutes, dose.BasalUnitsPerHour / 60.0);
    }
}
