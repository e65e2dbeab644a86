using Care.Metabolic.Control;
using Care.Metabolic.Safety;
using FsCheck;
using FsCheck.Fluent;

namespace Care.Metabolic.Tests.Safety;

/// <summary>
/// Property tests: random controller outputs (FsCheck doubles include NaN, infinities, negatives
/// and huge values) and random sensor-fault sequences never make the governor exceed a limit.
/// FsCheck core runs the properties (FsCheck.Xunit.v3 needs xunit.v3 4.x; the solution pins 3.2.2).
/// </summary>
public sealed class SafetyGovernorPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    private static SafetyLimits Limits => new()
    {
        ScheduledBasalUnitsPerHour = 0.8,
        MaxBasalUnitsPerHour = 3.2,
        MaxBolusUnits = 8,
        MaxInsulinOnBoardUnits = 12,
        MaxUnitsPerHour = 11,
    };

    [Fact]
    public void Governor_never_exceeds_a_limit_whatever_the_controller_and_sensor_do() =>
        Prop.ForAll<double[], double[], byte[]>((basals, boluses, faults) => RunSequence(basals, boluses, faults, faults.Select(f => (double)(f % 21) - 10).ToArray()))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void Governor_never_exceeds_a_limit_with_random_glucose_walks() =>
        Prop.ForAll<double[], double[], byte[]>((requests, glucose, faults) => RunSequence(requests, [.. requests.Reverse()], faults, glucose))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    private static void RunSequence(double[] basals, double[] boluses, byte[] faults, double[] glucose)
    {
        var steps = Math.Max(Math.Max(basals.Length, boluses.Length), Math.Max(glucose.Length, faults.Length));
        var governor = new SafetyGovernor(Limits);
        var reference = new InsulinOnBoard(SafetyGovernor.IobTauMinutes);
        var history = new List<DoseRecord>();
        var sensor = new FaultySensor();
        for (var i = 0; i < steps * 3; i++)
        {
            var now = Start + i * Period;
            var (value, time, faulty) = sensor.Read(At(glucose, i, 0), At(faults, i), now);
            var request = new InsulinRequest(At(basals, i, 1), At(boluses, i, 0), "random");
            var dose = governor.Govern(new ControllerInput(now, value, time, 0, Period), request);
            history.Add(dose);
            if (i > 0)
            {
                reference.Advance(Period.TotalMinutes, history[^2].BasalUnitsPerHour / 60);
            }
            reference.AddBolus(dose.BolusUnits);

            Assert.True(double.IsFinite(dose.BasalUnitsPerHour) && double.IsFinite(dose.BolusUnits));
            Assert.InRange(dose.BasalUnitsPerHour, 0, Limits.MaxBasalUnitsPerHour);
            Assert.InRange(dose.BolusUnits, 0, Limits.MaxBolusUnits);
            Assert.True(reference.Units + dose.BasalUnitsPerHour * Period.TotalHours <= Limits.MaxInsulinOnBoardUnits + 1e-9,
                $"step {i}: IOB {reference.Units:F3} U + basal exceeds {Limits.MaxInsulinOnBoardUnits} U");
            var lastHour = history.Where(d => now - d.Time < TimeSpan.FromHours(1)).Sum(d => d.TotalUnits);
            Assert.True(lastHour <= Limits.MaxUnitsPerHour + 1e-9, $"step {i}: {lastHour:F3} U in the last hour");
            if (faulty)
            {
                Assert.Equal(0, dose.BolusUnits);
                Assert.True(dose.Reason == DoseReason.SensorFallback, $"step {i}: fault not flagged ({dose.Detail})");
                Assert.True(dose.BasalUnitsPerHour <= Limits.ScheduledBasalUnitsPerHour + 1e-12);
            }
        }
    }

    [Fact]
    public void Glucose_below_the_suspend_threshold_always_suspends() =>
        Prop.ForAll<double, double, byte>(SuspendsWhenLow).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    private static void SuspendsWhenLow(double basal, double bolus, byte lowValue)
    {
        var governor = new SafetyGovernor(Limits);
        var low = 40 + lowValue % 29; // 40..68 mg/dL, a plausible but low reading
        var first = governor.Govern(new ControllerInput(Start, low + 1, Start, 0, Period), new InsulinRequest(1, 0, "warm-up"));
        var dose = governor.Govern(new ControllerInput(Start + Period, low, Start + Period, 30, Period), new InsulinRequest(basal, bolus, "random"));
        Assert.Equal(0, first.BasalUnitsPerHour);
        Assert.Equal(0, dose.BasalUnitsPerHour);
        Assert.Equal(0, dose.BolusUnits);
    }

    private static double At(double[] values, int i, double fallback) => values.Length == 0 ? fallback : values[i % values.Length];

    private static byte At(byte[] values, int i) => values.Length == 0 ? (byte)0 : values[i % values.Length];

    // Turns a random byte into a sensor behaviour: mostly good readings (a slow random walk), and
    // NaN, stale repeats, spikes, out-of-range values and compression-low drops. Says whether the
    // governor's rules (SafetyLimits defaults) must see the reading as bad data.
    private sealed class FaultySensor
    {
        private double _cgm = 140;
        private DateTimeOffset _cgmTime = Start;
        private readonly List<(DateTimeOffset Time, double Value)> _accepted = [];
        private DateTimeOffset? _lastRawTime;
        private bool _lastVerdict;

        public (double Value, DateTimeOffset Time, bool Faulty) Read(double wish, byte kind, DateTimeOffset now)
        {
            var step = double.IsFinite(wish) ? Math.Clamp(wish % 10, -10, 10) : 0;
            switch (kind % 8)
            {
                case 0:
                    return (double.NaN, now, true);
                case 1:
                    return now - _cgmTime > TimeSpan.FromMinutes(12) ? (_cgm, _cgmTime, true) : Judge(_cgm, _cgmTime);
                case 2:
                    return Judge(_cgm + 150, now);
                case 3:
                    return (kind % 2 == 0 ? 20 : 700, now, true);
                case 4 when _cgm > 120:
                    return Judge(Math.Min(_cgm - 60, 75), now);
                default:
                    _cgm = Math.Clamp(_cgm + step, 60, 350);
                    _cgmTime = now;
                    return Judge(_cgm, now);
            }
        }

        private (double, DateTimeOffset, bool) Judge(double value, DateTimeOffset now)
        {
            if (now == _lastRawTime)
            {
                return (value, now, _lastVerdict);
            }
            if (_accepted.Count > 0 && now <= _accepted[^1].Time)
            {
                return (value, now, false);
            }
            _lastRawTime = now;
            _lastVerdict = Faulty(value, now);
            if (!_lastVerdict)
            {
                _accepted.Add((now, value));
            }
            return (value, now, _lastVerdict);
        }

        private bool Faulty(double value, DateTimeOffset now)
        {
            // The governor's rules: > 12 mg/dL/min from the last accepted reading of the last 30
            // minutes is a jump; below 80 mg/dL after a fall of > 40 mg/dL within 15 minutes is a
            // suspected compression low. Either way the reading is bad data.
            var faulty = false;
            if (_accepted.Count > 0)
            {
                var (t, v) = _accepted[^1];
                faulty = now - t <= TimeSpan.FromMinutes(30) && Math.Abs(value - v) / Math.Max(1, (now - t).TotalMinutes) > 12;
            }
            var recentHigh = _accepted.Where(a => now - a.Time <= TimeSpan.FromMinutes(15)).Select(a => a.Value).DefaultIfEmpty(double.NaN).Max();
            faulty |= value < 80 && recentHigh - value > 40;
            return faulty;
        }
    }
}
