using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis;
using Care.Core.Observations;
using Care.Hermes.Storage;

namespace Care.Hermes.Risk;

/// <summary>
/// Turns one wearer's stream of patch vitals into hourly Challenge rows and scores each closed hour
/// with the wearer's <see cref="StaggeredScorer"/>, incrementally: each reading is looked at
/// once and each hour is scored once. Not thread safe: one tracker per wearer, fed in time order.
/// </summary>
/// <remarks>
/// <para>An hour (aligned to the UTC clock) closes when a reading of a later hour arrives. Its row
/// holds the median of each vital in the hour (medians resist motion artefacts, as in the NEWS2
/// tracker); MAP, which a patch cuff does not report, is (SBP + 2 DBP) / 3 when both were measured.
/// Every other column (laboratory values, age, sex, ICU and hospital times) is NaN: Hermes feeds
/// only what a patch measures. In particular ICULOS stays missing, because a wearer's days with a
/// patch are not an ICU stay (fed as hours since the first reading, the full ICU-trained model
/// alarmed on steady healthy vitals after about 64 h); for the same reason the scorer's own
/// hours-in-record are bounded by <see cref="StaggeredScorer"/>.</para>
/// <para>Hours without any reading are fed as all-missing rows so the scorer's hourly windows stay
/// aligned with the clock, at most <see cref="MaxEmptyHours"/> in a row (after that the scorer's
/// longest window holds nothing but gaps). Only hours with a reading may alert.</para>
/// <para>Which hours alert is decided by the wearer's <see cref="ModelAlertPolicy"/> (episodes as
/// NEWS2 has them, plus persistence and a rising trend for Elevated), whose state is part of
/// <see cref="ModelRiskState"/>.</para>
/// </remarks>
internal sealed class ModelRiskTracker
{
    /// <summary>All-missing hours fed for one gap at most (the scorer's longest window).</summary>
    public const int MaxEmptyHours = SepsisFeatures.LongWindowHours;

    /// <summary>Contributions kept with each output.</summary>
    public const int TopContributions = 5;

    /// <summary>The signs collected, in state order; their Challenge columns are in <see cref="Columns"/>.</summary>
    public static IReadOnlyList<VitalSign> Signs { get; } =
    [
        VitalSign.HeartRate, VitalSign.OxygenSaturation, VitalSign.BodyTemperature,
        VitalSign.SystolicBloodPressure, VitalSign.DiastolicBloodPressure, VitalSign.RespiratoryRate,
    ];

    /// <summary>The Challenge columns of the stored inputs, in order (HR, O2Sat, Temp, SBP, MAP, DBP, Resp).</summary>
    public static IReadOnlyList<int> Columns { get; } =
    [
        ChallengeColumns.HR, ChallengeColumns.O2Sat, ChallengeColumns.Temp, ChallengeColumns.SBP,
        ChallengeColumns.MAP, ChallengeColumns.DBP, ChallengeColumns.Resp,
    ];

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private const int MaxPerHour = 120;

    private readonly string _wearer;
    private readonly StaggeredScorer _scorer;
    private readonly double[][] _values;
    private readonly int[] _counts;
    private readonly float[] _row = new float[ChallengeColumns.InputCount];
    private DateTimeOffset? _hourStart;
    private readonly ModelAlertPolicy _policy;

    /// <summary>Creates a tracker for <paramref name="wearer"/> whose scorer has been fed exactly the stored hours of <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">The scorer and the state disagree on the hours fed, or the state is malformed.</exception>
    public ModelRiskTracker(string wearer, StaggeredScorer scorer, ModelRiskState? state)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        _wearer = wearer;
        _scorer = scorer;
        int n = Signs.Count;
        _values = new double[n][];
        _counts = new int[n];
        for (int i = 0; i < n; i++)
        {
            _values[i] = new double[MaxPerHour];
        }
        if (scorer.Hours != (state?.Hours ?? 0))
        {
            throw new ArgumentException($"the scorer was fed {scorer.Hours} hours but the state records {state?.Hours ?? 0}", nameof(scorer));
        }
        _policy = new ModelAlertPolicy(state?.Policy());
        if (state is null)
        {
            return;
        }
        if (state.HourValues.Length != n)
        {
            throw new ArgumentException($"model-risk state must hold {n} signs", nameof(state));
        }
        _hourStart = state.HourStart;
        for (int i = 0; i < n; i++)
        {
            _counts[i] = Math.Min(state.HourValues[i].Length, MaxPerHour);
            state.HourValues[i].AsSpan(0, _counts[i]).CopyTo(_values[i]);
        }
    }

    /// <summary>
    /// Adds one reading (in time order; signs the model does not use are ignored); appends every
    /// hour it closed to <paramref name="risks"/> and those that alert under the <see cref="ModelAlertPolicy"/> to <paramref name="escalations"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The reading is earlier than the open hour.</exception>
    public void Add(Observation observation, ICollection<ModelRiskRecord> risks, ICollection<ModelEscalation> escalations)
    {
        int p = IndexOf(observation.Sign);
        if (p < 0)
        {
            return;
        }
        var hour = Floor(observation.Time);
        if (_hourStart is DateTimeOffset open)
        {
            if (hour < open)
            {
                throw new ArgumentException($"observation at {observation.Time:O} precedes the open hour ({open:O})", nameof(observation));
            }
            if (hour > open)
            {
                Close(open, risks, escalations);
                int empty = 0;
                for (var h = open + Hour; h < hour && empty < MaxEmptyHours; h += Hour, empty++)
                {
                    Close(h, risks, escalations);
                }
                _hourStart = hour;
            }
        }
        else
        {
            _hourStart = hour;
        }
        if (_counts[p] < MaxPerHour)
        {
            _values[p][_counts[p]++] = observation.Value;
        }
    }

    /// <summary>The state to persist with the hours closed so far.</summary>
    public ModelRiskState Snapshot()
    {
        var policy = _policy.Snapshot();
        return new()
        {
            HourStart = _hourStart,
            HourValues = [.. _values.Select((v, i) => v.AsSpan(0, _counts[i]).ToArray())],
            Hours = _scorer.Hours,
            EpisodeLevel = policy.EpisodeLevel,
            CalmHours = policy.CalmHours,
            ElevatedRun = policy.ElevatedRun,
            LastProbability = policy.LastProbability,
        };
    }

    /// <summary>The 40-column Challenge row of stored inputs (see <see cref="Columns"/>); every other column NaN.</summary>
    public static void ToRow(IReadOnlyList<float> inputs, Span<float> row)
    {
        row.Fill(float.NaN);
        for (int i = 0; i < Columns.Count; i++)
        {
            row[Columns[i]] = inputs[i];
        }
    }

    private void Close(DateTimeOffset start, ICollection<ModelRiskRecord> risks, ICollection<ModelEscalation> escalations)
    {
        var inputs = new float[Columns.Count];
        bool measured = false;
        for (int i = 0; i < Signs.Count; i++)
        {
            float median = _counts[i] == 0 ? float.NaN : (float)Median(_values[i].AsSpan(0, _counts[i]));
            measured |= _counts[i] > 0;
            _counts[i] = 0;
            inputs[i < 4 ? i : i + 1] = median; // MAP sits between SBP and DBP in Challenge order.
        }
        float sbp = inputs[3], dbp = inputs[5];
        inputs[4] = float.IsNaN(sbp) || float.IsNaN(dbp) ? float.NaN : (sbp + 2 * dbp) / 3;
        ToRow(inputs, _row);
        int hour = _scorer.Hours;
        var risk = _scorer.Update(_row, TopContributions);
        var record = new ModelRiskRecord(
            _wearer, start + Hour, hour, inputs, measured, risk.Score, risk.Probability, risk.ProbabilityLow, risk.ProbabilityHigh, risk.Level,
            [.. risk.TopContributions.Select(c => new RiskContribution(c.Feature, float.IsFinite(c.Value) ? c.Value : null, c.LogOdds))])
        {
            ElevatedScore = risk.ElevatedScore,
            AlarmScore = risk.AlarmScore,
        };
        risks.Add(record);
        if (_policy.Next(risk.Level, risk.Probability, measured) is string rule)
        {
            escalations.Add(new ModelEscalation(record, rule));
        }
    }

    private static int IndexOf(VitalSign sign) => sign switch
    {
        VitalSign.HeartRate => 0,
        VitalSign.OxygenSaturation => 1,
        VitalSign.BodyTemperature => 2,
        VitalSign.SystolicBloodPressure => 3,
        VitalSign.DiastolicBloodPressure => 4,
        VitalSign.RespiratoryRate => 5,
        _ => -1,
    };

    private static DateTimeOffset Floor(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    private static double Median(Span<double> values)
    {
        values.Sort();
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
