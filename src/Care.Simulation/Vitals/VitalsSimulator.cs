using Care.Core.Observations;
using Care.Patch.Runtime;

namespace Care.Simulation.Vitals;

/// <summary>
/// Produces one wearer's patch readings minute by minute: a circadian rhythm (lowest around
/// 04:00), bouts of activity by day, autocorrelated noise, artefacts (motion spikes, brief
/// SpO2 drop-outs, NaN from a failing sensor, the patch off the skin for a while) and, when
/// given, an acute <see cref="Deterioration"/>. Heart rate, SpO2 and respiration are read every
/// minute, temperature every 10 minutes, blood pressure every 30. Deterministic for a seed.
/// Not thread safe: one simulator per wearer.
/// </summary>
public sealed class VitalsSimulator
{
    private readonly Gaussian _g;
    private readonly WearerProfile _profile;
    private readonly Deterioration? _illness;
    private double _hrNoise, _rrNoise, _spo2Noise, _tempNoise, _bpNoise;
    private int _activityLeft;
    private double _activity;
    private int _offSkinLeft;

    /// <summary>Creates the simulator for one wearer.</summary>
    public VitalsSimulator(WearerProfile profile, Deterioration? illness, int seed)
    {
        _profile = profile;
        _illness = illness;
        _g = new Gaussian(new Random(seed));
    }

    /// <summary>The wearer's profile.</summary>
    public WearerProfile Profile => _profile;

    /// <summary>
    /// Simulates the minute starting at <paramref name="time"/> and feeds what the sensors read to
    /// <paramref name="patch"/>; the optical heart rate only when <paramref name="opticalHeartRate"/>
    /// (false while the patch's ECG gives the heart rate). The random draws are the same either way.
    /// </summary>
    public void Minute(DateTimeOffset time, WearablePatch patch, bool opticalHeartRate = true)
    {
        ArgumentNullException.ThrowIfNull(patch);
        double hour = time.UtcDateTime.TimeOfDay.TotalHours;
        double circadian = -Math.Cos(2 * Math.PI * (hour - 4) / 24); // −1 at 04:00, +1 at 16:00
        bool day = hour is >= 7 and < 22;
        double severity = _illness?.Severity(time) ?? 0;

        Activity(day, severity);
        _hrNoise = (0.9 * _hrNoise) + (1.2 * _g.Next());
        _rrNoise = (0.9 * _rrNoise) + (0.5 * _g.Next());
        _spo2Noise = (0.8 * _spo2Noise) + (0.35 * _g.Next());
        _tempNoise = (0.98 * _tempNoise) + (0.01 * _g.Next());
        _bpNoise = (0.95 * _bpNoise) + (1.0 * _g.Next());

        if (_offSkinLeft > 0)
        {
            _offSkinLeft--;
            return;
        }
        if (_g.Random.NextDouble() < 1.0 / 3000)
        {
            _offSkinLeft = _g.Random.Next(10, 90); // the patch lifts off the skin: nothing is read
            return;
        }

        double hr = _profile.HeartRate + (6 * circadian) + (30 * _activity) + (40 * severity) + _hrNoise;
        if (_g.Random.NextDouble() < 0.004)
        {
            hr += _g.Uniform(-25, 35); // motion artefact
        }
        double spo2 = Math.Min(100, _profile.SpO2 - (7 * severity) + _spo2Noise);
        if (_g.Random.NextDouble() < 0.003)
        {
            spo2 = _g.Uniform(80, 90); // poor perfusion drop-out
        }
        double rr = _profile.RespiratoryRate + circadian + (5 * _activity) + (12 * severity) + _rrNoise;

        double optical = Fault(Math.Round(hr));
        if (opticalHeartRate)
        {
            patch.Record(VitalSign.HeartRate, time, optical);
        }
        patch.Record(VitalSign.OxygenSaturation, time, Math.Round(spo2));
        patch.Record(VitalSign.RespiratoryRate, time, Math.Round(rr));
        if (time.Minute % 10 == 0)
        {
            double temp = _profile.Temperature + (0.3 * circadian) + (0.2 * _activity) + (2.2 * severity) + _tempNoise;
            patch.Record(VitalSign.BodyTemperature, time, Math.Round(temp, 1));
        }
        if (time.Minute % 30 == 0)
        {
            double sbp = _profile.Systolic + (6 * circadian) + (15 * _activity) - (35 * severity) + _bpNoise;
            double dbp = _profile.Diastolic + (4 * circadian) + (6 * _activity) - (18 * severity) + (0.6 * _bpNoise);
            patch.Record(VitalSign.SystolicBloodPressure, time, Math.Round(sbp));
            patch.Record(VitalSign.DiastolicBloodPressure, time, Math.Round(dbp));
        }
    }

    private void Activity(bool day, double severity)
    {
        if (_activityLeft > 0)
        {
            _activityLeft--;
            if (_activityLeft == 0)
            {
                _activity = 0;
            }
            return;
        }
        // Ill people rest: activity bouts fade with severity.
        if (day && _g.Random.NextDouble() < (1.0 / 90) * (1 - severity))
        {
            _activityLeft = _g.Random.Next(5, 40);
            _activity = _g.Uniform(0.3, 1.0);
        }
    }

    /// <summary>A failing sensor occasionally reports NaN; the patch must discard it.</summary>
    private double Fault(double value) => _g.Random.NextDouble() < 0.0005 ? double.NaN : value;
}
