using Care.Core.Events;

namespace Care.Simulation.Ecg;

/// <summary>The beat-to-beat rhythm: RR intervals and when arrhythmias occur.</summary>
public sealed partial class SyntheticEcg
{
    private void Advance()
    {
        _r += _rrSamples;
        _currentKind = _nextKind;
        Array.Copy(_next, _current, _next.Length);
        long at = (long)Math.Round(_r);
        _beats?.Add(at);
        _kinds?.Add(_currentKind);
        var (kind, rrSeconds) = Schedule(at);
        _nextKind = kind;
        _rrSamples = rrSeconds * _fs;
        Kernels(kind, _next);
    }

    /// <summary>Decides the kind of the beat after the current one (at <paramref name="at"/>) and the RR interval to it.</summary>
    private (SyntheticBeatKind Kind, double RrSeconds) Schedule(long at)
    {
        var o = _options;
        double seconds = at / _fs;
        // RSA at the respiratory rate and Mayer waves at 0.1 Hz (ECGSYN's bimodal spectrum), plus jitter.
        double sinus = _meanRrSeconds * (1
            + (0.04 * Math.Sin(TwoPi * o.RespiratoryRatePerMinute / 60 * seconds))
            + (0.03 * Math.Sin(TwoPi * 0.1 * seconds))
            + (0.01 * _random.Next()));
        if (_runLeft > 0)
        {
            _runLeft--;
            _runBeats++;
            return (SyntheticBeatKind.Ventricular, _random.Uniform(0.42, 0.5));
        }
        if (_runStart >= 0)
        {
            _episodes.Add(new SyntheticEcgEpisode(PatchEventKind.VentricularRun, _runStart, at, _runBeats));
            _runStart = -1;
        }
        if (_compensate)
        {
            _compensate = false;
            return (SyntheticBeatKind.Sinus, sinus * 1.35);
        }
        long next = at + (long)(sinus * _fs);
        if (_afUntil >= 0)
        {
            if (next < _afUntil)
            {
                _afBeats++;
                return (SyntheticBeatKind.AtrialFibrillation, AfRr(sinus));
            }
            _episodes.Add(new SyntheticEcgEpisode(PatchEventKind.AtrialFibrillation, _afStart, at, _afBeats));
            _afUntil = -1;
            return (SyntheticBeatKind.Sinus, sinus * 1.2);
        }
        if (_currentKind != SyntheticBeatKind.Sinus)
        {
            return (SyntheticBeatKind.Sinus, sinus);
        }
        double u = _random.Random.NextDouble();
        if ((u -= o.AfOnsetPerBeat) < 0)
        {
            double rr = AfRr(sinus);
            _afStart = at + (long)Math.Round(rr * _fs);
            _afUntil = _afStart + (long)(_random.Uniform(o.AfMinDuration.TotalSeconds, o.AfMaxDuration.TotalSeconds) * _fs);
            _afBeats = 1;
            return (SyntheticBeatKind.AtrialFibrillation, rr);
        }
        if ((u -= o.VentricularBeatPerBeat) < 0)
        {
            _compensate = true;
            return (SyntheticBeatKind.Ventricular, sinus * 0.6);
        }
        if ((u -= o.VentricularRunPerBeat) < 0)
        {
            double rr = sinus * 0.6;
            _runStart = at + (long)Math.Round(rr * _fs);
            _runLeft = _random.Random.Next(3, 7) - 1;
            _runBeats = 1;
            _compensate = true;
            return (SyntheticBeatKind.Ventricular, rr);
        }
        if ((u -= o.PausePerBeat) < 0)
        {
            double rr = _random.Uniform(2.4, 3.6);
            _episodes.Add(new SyntheticEcgEpisode(PatchEventKind.Pause, at, at + (long)Math.Round(rr * _fs), 0));
            return (SyntheticBeatKind.Sinus, rr);
        }
        return (SyntheticBeatKind.Sinus, sinus);
    }

    /// <summary>An AF interval: faster than sinus and irregularly irregular (coefficient of variation about 0.2), 0.33–1.6 s.</summary>
    private double AfRr(double sinus) => Math.Clamp(0.8 * sinus * (1 + (0.22 * _random.Next())), 0.33, 1.6);
}
