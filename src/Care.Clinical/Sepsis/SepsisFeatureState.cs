using Care.Clinical.Challenge2019;
using Care.Clinical.EarlyWarning;

namespace Care.Clinical.Sepsis;

/// <summary>
/// Per-patient streaming feature extractor: feed the hourly rows of one ICU stay in order with
/// <see cref="Update"/> and it writes the <see cref="SepsisFeatures"/> vector of that hour from rows
/// 0..t only (strictly causal), in O(features) time per row without recomputing the history and
/// without allocating. Not thread-safe: one instance per patient.
/// </summary>
public sealed class SepsisFeatureState
{
    private const int Measured = ChallengeColumns.MeasuredCount;
    private const int Vitals = ChallengeColumns.VitalCount;
    private const int Window = SepsisFeatures.WindowHours;
    private const int LongWindow = SepsisFeatures.LongWindowHours;

    private readonly float[] _last = new float[Measured];
    private readonly float[] _previous = new float[Measured];
    private readonly int[] _lastHour = new int[Measured];
    private readonly int[] _count = new int[Measured];
    private readonly float[] _vitalWindow = new float[LongWindow * Vitals];
    private readonly double[] _sum = new double[Vitals];
    private readonly float[] _filledVitals = new float[(Window + 1) * Vitals];
    private readonly float[] _sofaHistory = new float[SepsisFeatures.SofaWindowHours];
    private readonly float[] _newsHistory = new float[Window + 1];
    private readonly bool[] _uses;
    private readonly int[] _excluded;
    private int _hour;

    /// <summary>Creates the state of a patient with no rows yet, reading every input column.</summary>
    public SepsisFeatureState()
        : this(SepsisInputSet.Full)
    {
    }

    /// <summary>
    /// Creates the state of a patient with no rows yet that reads only the columns of
    /// <paramref name="inputs"/>; the others are treated as never measured, and the features of
    /// <see cref="SepsisInputs.ExcludedFeatures"/> are always NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown input set.</exception>
    public SepsisFeatureState(SepsisInputSet inputs)
    {
        Inputs = inputs;
        _uses = SepsisInputs.Mask(inputs);
        _excluded = [.. SepsisInputs.ExcludedFeatures(inputs)];
        Reset();
    }

    /// <summary>The input columns this state reads.</summary>
    public SepsisInputSet Inputs { get; }

    /// <summary>Hours fed so far.</summary>
    public int Hours => _hour;

    /// <summary>Forgets every row, as for a new patient.</summary>
    public void Reset()
    {
        Array.Fill(_last, float.NaN);
        Array.Fill(_previous, float.NaN);
        Array.Fill(_lastHour, -1);
        Array.Clear(_count);
        Array.Clear(_sum);
        Array.Fill(_vitalWindow, float.NaN);
        Array.Fill(_filledVitals, float.NaN);
        Array.Fill(_sofaHistory, float.NaN);
        Array.Fill(_newsHistory, float.NaN);
        _hour = 0;
    }

    /// <summary>
    /// Feeds the next hour's 40 input values (Challenge column order, NaN = not measured) and writes
    /// the feature vector of that hour into <paramref name="features"/> (length
    /// <see cref="SepsisFeatures.Count"/>). FiO2 above 1 is read as a percentage up to 100 and
    /// ignored above that; non-finite values other than NaN are treated as missing.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public void Update(ReadOnlySpan<float> row, Span<float> features)
    {
        if (row.Length != ChallengeColumns.InputCount)
        {
            throw new ArgumentException($"a row has {ChallengeColumns.InputCount} values", nameof(row));
        }
        if (features.Length != SepsisFeatures.Count)
        {
            throw new ArgumentException($"the feature vector has {SepsisFeatures.Count} values", nameof(features));
        }
        int t = _hour;
        int slot = t % LongWindow;
        for (int m = 0; m < Measured; m++)
        {
            float x = !_uses[m] ? float.NaN : m == ChallengeColumns.FiO2 ? CleanFiO2(row[m]) : row[m];
            bool measured = float.IsFinite(x);
            if (measured)
            {
                _previous[m] = _last[m];
                _last[m] = x;
                _lastHour[m] = t;
                _count[m]++;
            }
            if (m < Vitals)
            {
                _sum[m] += measured ? x : 0;
                _vitalWindow[slot * Vitals + m] = measured ? x : float.NaN;
                _filledVitals[t % (Window + 1) * Vitals + m] = _last[m];
            }
            int f = m * SepsisFeatures.PerMeasured;
            features[f] = _last[m];
            features[f + 1] = _lastHour[m] < 0 ? float.NaN : t - _lastHour[m];
            features[f + 2] = _count[m] / (float)(t + 1);
            features[f + 3] = _last[m] - _previous[m];
        }
        WriteVitalWindows(t, features);
        WriteStatic(row, t, features);
        WriteDerived(t, features);
        foreach (int f in _excluded)
        {
            features[f] = float.NaN;
        }
        _hour++;
    }

    private void WriteVitalWindows(int t, Span<float> features)
    {
        int filled = Math.Min(t + 1, Window);
        for (int v = 0; v < Vitals; v++)
        {
            float sum = 0, sumSq = 0, min = float.PositiveInfinity, max = float.NegativeInfinity;
            int n = 0;
            for (int k = 0; k < filled; k++)
            {
                float x = _vitalWindow[(t - k) % LongWindow * Vitals + v];
                if (float.IsNaN(x))
                {
                    continue;
                }
                n++;
                sum += x;
                sumSq += x * x;
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
            int f = SepsisFeatures.VitalBlock + v * SepsisFeatures.PerVital;
            float mean = n > 0 ? sum / n : float.NaN;
            features[f] = mean;
            features[f + 1] = n > 0 ? min : float.NaN;
            features[f + 2] = n > 0 ? max : float.NaN;
            features[f + 3] = n > 1 ? MathF.Sqrt(Math.Max(0, (sumSq - n * mean * mean) / (n - 1))) : float.NaN;
            features[f + 4] = t >= Window
                ? _last[v] - _filledVitals[(t - Window) % (Window + 1) * Vitals + v]
                : float.NaN;
            WriteLongWindow(t, v, features[(f + 5)..]);
        }
    }

    private void WriteLongWindow(int t, int v, Span<float> features)
    {
        int filled = Math.Min(t + 1, LongWindow);
        float sum = 0, min = float.PositiveInfinity, max = float.NegativeInfinity;
        int n = 0;
        for (int k = 0; k < filled; k++)
        {
            float x = _vitalWindow[k * Vitals + v];
            if (!float.IsNaN(x))
            {
                n++;
                sum += x;
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
        }
        features[0] = n > 0 ? sum / n : float.NaN;
        features[1] = n > 0 ? min : float.NaN;
        features[2] = n > 0 ? max : float.NaN;
        features[3] = _count[v] > 0 ? _last[v] - (float)(_sum[v] / _count[v]) : float.NaN;
    }

    private void WriteStatic(ReadOnlySpan<float> row, int t, Span<float> features)
    {
        int f = SepsisFeatures.StaticBlock;
        features[f] = Input(row, ChallengeColumns.Age);
        features[f + 1] = Input(row, ChallengeColumns.Gender);
        features[f + 2] = Input(row, ChallengeColumns.Unit1);
        features[f + 3] = Input(row, ChallengeColumns.Unit2);
        features[f + 4] = Input(row, ChallengeColumns.HospAdmTime);
        features[f + 5] = Input(row, ChallengeColumns.ICULOS);
        // Hours since this state's first row (not derived from ICULOS); the vitals set excludes it.
        features[f + 6] = t;
    }

    private float Input(ReadOnlySpan<float> row, int column) => _uses[column] ? row[column] : float.NaN;

    private void WriteDerived(int t, Span<float> features)
    {
        float hr = _last[ChallengeColumns.HR], sbp = _last[ChallengeColumns.SBP], resp = _last[ChallengeColumns.Resp];
        float spo2 = _last[ChallengeColumns.O2Sat], temp = _last[ChallengeColumns.Temp], fio2 = _last[ChallengeColumns.FiO2];
        float news = PartialNews2(resp, spo2, fio2, sbp, hr, temp);
        float qsofa = (resp >= 22 ? 1 : 0) + (sbp <= 100 ? 1 : 0);
        float sofa = PartialSofa(
            _last[ChallengeColumns.Platelets], _last[ChallengeColumns.BilirubinTotal],
            _last[ChallengeColumns.MAP], _last[ChallengeColumns.Creatinine]);
        _sofaHistory[t % SepsisFeatures.SofaWindowHours] = sofa;
        float sofaMin = float.PositiveInfinity;
        foreach (float s in _sofaHistory)
        {
            if (!float.IsNaN(s))
            {
                sofaMin = Math.Min(sofaMin, s);
            }
        }
        _newsHistory[t % (Window + 1)] = news;
        int f = SepsisFeatures.News2;
        features[f] = news;
        features[f + 1] = qsofa;
        features[f + 2] = sofa;
        features[f + 3] = sofa - sofaMin;
        features[f + 4] = t >= Window ? news - _newsHistory[(t - Window) % (Window + 1)] : float.NaN;
        features[f + 5] = Ratio(hr, sbp);
        features[f + 6] = Ratio(_last[ChallengeColumns.BUN], _last[ChallengeColumns.Creatinine]);
        features[f + 7] = sbp - _last[ChallengeColumns.DBP];
        features[f + 8] = Ratio(spo2, fio2);
    }

    /// <summary>NEWS2 from the available parameters (a missing one scores 0), consciousness assumed alert.</summary>
    internal static float PartialNews2(float resp, float spo2, float fio2, float sbp, float hr, float temp)
    {
        bool onOxygen = fio2 > 0.21f;
        int score = EarlyWarning.News2.AirOrOxygen(onOxygen);
        score += float.IsFinite(resp) ? EarlyWarning.News2.RespiratoryRate(resp) : 0;
        score += float.IsFinite(spo2) ? EarlyWarning.News2.SpO2(spo2, onOxygen, SpO2Scale.Scale1) : 0;
        score += float.IsFinite(sbp) ? EarlyWarning.News2.Systolic(sbp) : 0;
        score += float.IsFinite(hr) ? EarlyWarning.News2.Pulse(hr) : 0;
        score += float.IsFinite(temp) ? EarlyWarning.News2.Temperature(temp) : 0;
        return score;
    }

    // Vincent et al. 1996 SOFA bands; respiration (PaO2/FiO2), GCS and vasopressors are not recorded.
    private static float PartialSofa(float platelets, float bilirubin, float map, float creatinine)
    {
        int s = 0;
        s += platelets < 20 ? 4 : platelets < 50 ? 3 : platelets < 100 ? 2 : platelets < 150 ? 1 : 0;
        s += bilirubin >= 12 ? 4 : bilirubin >= 6 ? 3 : bilirubin >= 2 ? 2 : bilirubin >= 1.2f ? 1 : 0;
        s += map < 70 ? 1 : 0;
        s += creatinine >= 5 ? 4 : creatinine >= 3.5f ? 3 : creatinine >= 2 ? 2 : creatinine >= 1.2f ? 1 : 0;
        return s;
    }

    // A zero denominator (e.g. creatinine recorded as 0) gives NaN, never ±∞: the trees treat NaN as missing.
    private static float Ratio(float numerator, float denominator) => denominator == 0 ? float.NaN : numerator / denominator;

    private static float CleanFiO2(float value) =>
        !float.IsFinite(value) || value <= 0 ? float.NaN
        : value <= 1 ? value
        : value <= 100 ? value / 100
        : float.NaN;
}
