namespace Care.Clinical.Sepsis;

/// <summary>
/// Collects per-patient hourly labels, risk scores and alarms and computes a
/// <see cref="SepsisEvaluation"/>. Not thread-safe: add from one thread.
/// </summary>
public sealed class EvaluationAccumulator
{
    private readonly List<float> _scores = [];
    private readonly List<bool> _labels = [];
    private UtilityScore _utility;
    private long _hours;
    private long _alarmEpisodes;
    private long _alarmHours;
    private int _patients;
    private int _septic;
    private int _septicInTime;

    /// <summary>Adds one patient: hourly labels, risk scores (any monotone scale) and alarms.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public void Add(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores, ReadOnlySpan<bool> alarms)
    {
        if (labels.IsEmpty || scores.Length != labels.Length || alarms.Length != labels.Length)
        {
            throw new ArgumentException("labels, scores and alarms must be non-empty and of equal length", nameof(labels));
        }
        _utility += UtilityScorer.Score(labels, alarms);
        _patients++;
        _hours += labels.Length;
        for (int t = 0; t < alarms.Length; t++)
        {
            if (alarms[t])
            {
                _alarmHours++;
                if (t == 0 || !alarms[t - 1])
                {
                    _alarmEpisodes++;
                }
            }
            _scores.Add(scores[t]);
            _labels.Add(labels[t]);
        }
        int first = labels.IndexOf(true);
        if (first >= 0)
        {
            _septic++;
            int onset = first - (int)UtilityScorer.OptimalHours;
            if (alarms[..Math.Min(alarms.Length, onset + 1)].Contains(true))
            {
                _septicInTime++;
            }
        }
    }

    /// <summary>The evaluation of everything added so far.</summary>
    /// <exception cref="InvalidOperationException">Nothing was added.</exception>
    public SepsisEvaluation Result()
    {
        if (_patients == 0)
        {
            throw new InvalidOperationException("no patient was added");
        }
        var scores = _scores.ToArray();
        var labels = _labels.ToArray();
        return new SepsisEvaluation(
            _utility,
            RankMetrics.Auroc(scores, labels),
            RankMetrics.Auprc(scores, labels),
            _alarmEpisodes / (_hours / 24.0),
            _alarmHours / (double)_hours,
            _patients,
            _hours,
            _septic,
            _septicInTime);
    }
}
