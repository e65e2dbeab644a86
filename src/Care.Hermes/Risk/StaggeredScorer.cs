using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis;

namespace Care.Hermes.Risk;

/// <summary>
/// A wearer's sepsis scoring as a sequence of bounded "records": two <see cref="SepsisStreamScorer"/>s
/// each restart every <see cref="RecordHours"/> hours, half a record apart, and each hour's output
/// comes from the one whose record is at least <see cref="Offset"/> hours old (the first one alone
/// during the wearer's first <see cref="Offset"/> hours). Both are fed every row, so each hour costs
/// two incremental updates and no history is recomputed. Not thread safe: one per wearer.
/// </summary>
/// <remarks>
/// Why: the model learned from ICU stays of a day or two, and its hours-in-record feature (like
/// ICULOS) carries the ICU fact that the longer the stay, the likelier sepsis. Fed a wearer's
/// weeks as one record, it alarmed on steady healthy vitals after about 2.5 days (61 h, vitals model;
/// see docs/validation.md). Restarting records keeps every output within 24–47 hours of record,
/// with a full 24 h of history behind it (the scorer's longest window).
/// </remarks>
internal sealed class StaggeredScorer
{
    /// <summary>Length of one record, hours.</summary>
    public const int RecordHours = 2 * SepsisFeatures.LongWindowHours;

    /// <summary>How far the second record trails the first, hours; also the youngest record that speaks.</summary>
    public const int Offset = RecordHours / 2;

    private readonly SepsisStreamScorer[] _scorers;

    /// <summary>A wearer with no hours fed.</summary>
    public StaggeredScorer(SepsisModel model) => _scorers = [new(model), new(model)];

    /// <summary>Hours fed since the wearer's first (absolute hour index of the next row).</summary>
    public int Hours { get; private set; }

    /// <summary>Feeds the next hour's 40-value row to both records and returns the speaking record's explained risk.</summary>
    public SepsisRisk Update(ReadOnlySpan<float> row, int top)
    {
        int h = Hours;
        Restart(h);
        int speaker = h < Offset || h % RecordHours >= Offset ? 0 : 1;
        SepsisRisk? risk = null;
        for (int k = 0; k < _scorers.Length; k++)
        {
            if (k == 1 && h < Offset)
            {
                continue;
            }
            if (k == speaker)
            {
                risk = _scorers[k].Update(row, top);
            }
            else
            {
                _scorers[k].UpdateMargin(row);
            }
        }
        Hours = h + 1;
        return risk!;
    }

    /// <summary>
    /// Rebuilds the state after <paramref name="storedInputs"/> (every stored hour of the wearer, oldest
    /// first; see <see cref="ModelRiskTracker.Columns"/>): only the last <see cref="RecordHours"/> matter,
    /// since both records restarted within them.
    /// </summary>
    public void Replay(IReadOnlyList<IReadOnlyList<float>> storedInputs) => Replay(0, storedInputs);

    /// <summary>
    /// As <see cref="Replay(IReadOnlyList{IReadOnlyList{float}})"/>, from stored hours that start at
    /// hour <paramref name="firstHour"/>; they must reach back <see cref="RecordHours"/> hours (or to hour 0).
    /// </summary>
    /// <exception cref="ArgumentException">The rows do not reach back far enough.</exception>
    public void Replay(int firstHour, IReadOnlyList<IReadOnlyList<float>> storedInputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstHour);
        ArgumentNullException.ThrowIfNull(storedInputs);
        int total = firstHour + storedInputs.Count;
        int start = Math.Max(0, total - RecordHours);
        if (firstHour > start)
        {
            throw new ArgumentException($"rows from hour {firstHour} do not reach back to hour {start}", nameof(storedInputs));
        }
        var row = new float[ChallengeColumns.InputCount];
        Hours = start;
        for (int i = start - firstHour; i < storedInputs.Count; i++)
        {
            Restart(Hours);
            ModelRiskTracker.ToRow(storedInputs[i], row);
            _scorers[0].UpdateMargin(row);
            if (Hours >= Offset)
            {
                _scorers[1].UpdateMargin(row);
            }
            Hours++;
        }
    }

    private void Restart(int hour)
    {
        if (hour % RecordHours == 0)
        {
            _scorers[0].Reset();
        }
        if (hour >= Offset && (hour - Offset) % RecordHours == 0)
        {
            _scorers[1].Reset();
        }
    }
}
