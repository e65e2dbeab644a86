using Care.Core.Observations;

namespace Care.Clinical.EarlyWarning;

/// <summary>
/// Scores NEWS2 continuously from one wearer's stream of vital signs, incrementally: each
/// observation is looked at once, and the state between calls is small and persistable
/// (<see cref="Snapshot"/>). Not thread safe: one tracker per wearer, fed in time order.
/// </summary>
/// <remarks>
/// <para>A wearable measures every minute, not every few hours as a nurse does, and its readings
/// carry motion artefacts. The tracker therefore scores 15-minute epochs (aligned to the clock)
/// on the median of each parameter in the epoch, carrying a parameter's last median forward
/// for up to 4 hours when an epoch lacks it (blood pressure is measured less often).
/// An epoch is scored only when all five measured parameters are that fresh.</para>
/// <para>Alerts follow episodes: an assessment escalates when its level is at least
/// low-medium and higher than any alerted so far in the open episode; an episode closes after
/// one hour at level low. So a steady abnormal state alerts once, and a worsening one again.</para>
/// </remarks>
public sealed class News2Tracker
{
    /// <summary>Length of a scoring epoch.</summary>
    public static readonly TimeSpan Epoch = TimeSpan.FromMinutes(15);

    /// <summary>How long a parameter's last median may stand in for a missing one.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(4);

    /// <summary>How long the score must stay low before an episode closes.</summary>
    public static readonly TimeSpan CalmToClose = TimeSpan.FromHours(1);

    /// <summary>The measured NEWS2 parameters, in state order.</summary>
    public static IReadOnlyList<VitalSign> Parameters { get; } =
    [
        VitalSign.RespiratoryRate, VitalSign.OxygenSaturation, VitalSign.SystolicBloodPressure,
        VitalSign.HeartRate, VitalSign.BodyTemperature,
    ];

    private const int MaxPerEpoch = 64;

    private readonly double[][] _values;
    private readonly int[] _counts;
    private readonly double?[] _lastMedians;
    private readonly DateTimeOffset?[] _lastTimes;
    private DateTimeOffset? _epochStart;
    private News2Level _episodeLevel;
    private DateTimeOffset? _calmSince;

    /// <summary>Creates a tracker, resuming from <paramref name="state"/> when given.</summary>
    public News2Tracker(News2TrackerState? state = null)
    {
        int n = Parameters.Count;
        _values = new double[n][];
        _counts = new int[n];
        _lastMedians = new double?[n];
        _lastTimes = new DateTimeOffset?[n];
        for (int i = 0; i < n; i++)
        {
            _values[i] = new double[MaxPerEpoch];
        }
        if (state is null)
        {
            return;
        }
        if (state.EpochValues.Length != n || state.LastMedians.Length != n || state.LastTimes.Length != n)
        {
            throw new ArgumentException($"tracker state must hold {n} parameters", nameof(state));
        }
        _epochStart = state.EpochStart;
        for (int i = 0; i < n; i++)
        {
            _counts[i] = Math.Min(state.EpochValues[i].Length, MaxPerEpoch);
            state.EpochValues[i].AsSpan(0, _counts[i]).CopyTo(_values[i]);
        }
        state.LastMedians.CopyTo(_lastMedians, 0);
        state.LastTimes.CopyTo(_lastTimes, 0);
        _episodeLevel = state.EpisodeLevel;
        _calmSince = state.CalmSince;
    }

    /// <summary>
    /// Adds one observation (in time order; signs NEWS2 does not use are ignored) and appends
    /// to <paramref name="assessments"/> every epoch it closed.
    /// </summary>
    /// <exception cref="ArgumentException">The observation is earlier than the open epoch.</exception>
    public void Add(Observation observation, ICollection<News2Assessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        int p = IndexOf(observation.Sign);
        if (p < 0)
        {
            return;
        }
        if (_epochStart is DateTimeOffset start)
        {
            if (observation.Time < start)
            {
                throw new ArgumentException($"observation at {observation.Time:O} precedes the open epoch ({start:O})", nameof(observation));
            }
            if (observation.Time >= start + Epoch)
            {
                CloseEpoch(start + Epoch, assessments);
                _epochStart = Floor(observation.Time);
            }
        }
        else
        {
            _epochStart = Floor(observation.Time);
        }
        if (_counts[p] < MaxPerEpoch)
        {
            _values[p][_counts[p]++] = observation.Value;
        }
    }

    /// <summary>The state to persist; a new tracker built from it behaves exactly like this one.</summary>
    public News2TrackerState Snapshot() => new()
    {
        EpochStart = _epochStart,
        EpochValues = [.. _values.Select((v, i) => v.AsSpan(0, _counts[i]).ToArray())],
        LastMedians = (double?[])_lastMedians.Clone(),
        LastTimes = (DateTimeOffset?[])_lastTimes.Clone(),
        EpisodeLevel = _episodeLevel,
        CalmSince = _calmSince,
    };

    private void CloseEpoch(DateTimeOffset end, ICollection<News2Assessment> assessments)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                _lastMedians[i] = Median(_values[i].AsSpan(0, _counts[i]));
                _lastTimes[i] = end;
                _counts[i] = 0;
            }
        }
        for (int i = 0; i < _lastTimes.Length; i++)
        {
            if (_lastTimes[i] is not DateTimeOffset t || end - t > MaxAge)
            {
                return;
            }
        }
        var score = News2.Score(new News2Input(
            RespiratoryRatePerMin: _lastMedians[0]!.Value,
            SpO2Percent: _lastMedians[1]!.Value,
            OnOxygen: false,
            SystolicMmHg: _lastMedians[2]!.Value,
            PulsePerMin: _lastMedians[3]!.Value,
            Consciousness: Consciousness.Alert,
            TemperatureCelsius: _lastMedians[4]!.Value));
        assessments.Add(new News2Assessment(end, score, Escalate(score.Level, end)));
    }

    private bool Escalate(News2Level level, DateTimeOffset time)
    {
        if (level >= News2Level.LowMedium && level > _episodeLevel)
        {
            _episodeLevel = level;
            _calmSince = null;
            return true;
        }
        if (level == News2Level.Low && _episodeLevel > News2Level.Low)
        {
            _calmSince ??= time;
            if (time - _calmSince.Value >= CalmToClose)
            {
                _episodeLevel = News2Level.Low;
                _calmSince = null;
            }
        }
        else if (level > News2Level.Low)
        {
            _calmSince = null;
        }
        return false;
    }

    private static int IndexOf(VitalSign sign) => sign switch
    {
        VitalSign.RespiratoryRate => 0,
        VitalSign.OxygenSaturation => 1,
        VitalSign.SystolicBloodPressure => 2,
        VitalSign.HeartRate => 3,
        VitalSign.BodyTemperature => 4,
        _ => -1,
    };

    private static DateTimeOffset Floor(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - (time.UtcTicks % Epoch.Ticks);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
