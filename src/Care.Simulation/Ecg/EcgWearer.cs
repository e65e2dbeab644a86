using Care.Core.Events;
using Care.Patch.Ecg;
using Care.Patch.Runtime;
using Care.Simulation.Vitals;

namespace Care.Simulation.Ecg;

/// <summary>
/// A demo wearer whose patch records ECG: every day from <see cref="WindowStartHour"/> UTC for
/// the given hours the body draws a synthetic ECG (rate and respiration from the wearer's profile),
/// and the patch runs Care.Cardio's pipeline on it (<see cref="PatchEcgMonitor"/>). During the
/// window the ECG heart rate replaces the optical one. The window sits in the night, clear of kiosk
/// visits (08–20 UTC); a recording still open at a visit is ended first. Not thread safe.
/// </summary>
public sealed class EcgWearer
{
    /// <summary>The UTC hour at which the daily ECG window opens.</summary>
    public const int WindowStartHour = 2;

    /// <summary>The longest daily window, hours (it must end before the earliest kiosk hour, 08 UTC).</summary>
    public const double MaxHoursPerDay = 6;

    private const double SamplingHz = 250;

    private readonly SyntheticEcg _ecg;
    private readonly double _hoursPerDay;
    private readonly float[] _minute = new float[(int)(SamplingHz * 60)];
    private readonly long[] _byKind = new long[PatchEventKinds.All.Count + 1];
    private PatchEcgMonitor? _monitor;
    private WearablePatch? _patch;

    /// <summary>Creates the wearer's heart; <paramref name="hoursPerDay"/> is 0 (exclusive) to <see cref="MaxHoursPerDay"/>.</summary>
    public EcgWearer(WearerProfile profile, int seed, double hoursPerDay)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!(hoursPerDay > 0 && hoursPerDay <= MaxHoursPerDay))
        {
            throw new ArgumentOutOfRangeException(nameof(hoursPerDay), hoursPerDay, $"must be above 0 and at most {MaxHoursPerDay} hours");
        }
        _ecg = new SyntheticEcg(new SyntheticEcgOptions { SamplingHz = SamplingHz, HeartRateBpm = profile.HeartRate, RespiratoryRatePerMinute = profile.RespiratoryRate }, seed);
        _hoursPerDay = hoursPerDay;
    }

    /// <summary>ECG samples drawn so far.</summary>
    public long Samples => _ecg.SampleCount;

    /// <summary>Rhythm events the patches put in their outboxes.</summary>
    public long Events => _byKind.Sum();

    /// <summary>Arrhythmias the synthetic ECG drew (ground truth).</summary>
    public IReadOnlyList<SyntheticEcgEpisode> Drawn => _ecg.Episodes;

    /// <summary>Rhythm events of <paramref name="kind"/> the patches put in their outboxes.</summary>
    public long EventsOf(PatchEventKind kind) => _byKind[(int)kind];

    /// <summary>
    /// Simulates the ECG of the minute starting at <paramref name="time"/> on <paramref name="patch"/>.
    /// Returns true when the ECG ran (the caller must then not record an optical heart rate for the minute).
    /// </summary>
    public bool Minute(DateTimeOffset time, WearablePatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        double hour = time.UtcDateTime.TimeOfDay.TotalHours;
        bool inWindow = hour >= WindowStartHour && hour < WindowStartHour + _hoursPerDay;
        if (!inWindow || (_patch is not null && !ReferenceEquals(patch, _patch)))
        {
            Stop();
        }
        if (!inWindow)
        {
            return false;
        }
        if (_monitor is null)
        {
            _patch = patch;
            _monitor = patch.CreateEcgMonitor(SamplingHz);
            _monitor.Begin(time);
        }
        _ecg.Generate(_minute);
        _monitor.Process(_minute);
        return true;
    }

    /// <summary>Ends a recording in progress (before a kiosk visit, or when the window closes): its last records go into the patch.</summary>
    public void Stop()
    {
        if (_monitor is null)
        {
            return;
        }
        _monitor.End();
        foreach (var kind in Enum.GetValues<PatchEventKind>())
        {
            _byKind[(int)kind] += _monitor.EventsOf(kind);
        }
        _monitor = null;
        _patch = null;
    }
}
