namespace Care.Cardio.Detection;

public sealed partial class QrsDetector
{
    // QRS pass band 8–20 Hz: two cascaded second-order Butterworth sections each side, designed for
    // the sampling rate, so the response is the same at 125 and at 1000 Hz. Higher than Pan and
    // Tompkins' 5–15 Hz to keep tall P and T waves and baseline wander out of the QRS energy.
    private const double HighCutHz = 8;
    private const double LowCutHz = 20;
    private const double FiducialHz = 10;           // frequency at which the band-pass delay is compensated
    private const double DerivativeSeconds = 0.008;  // slope over 8 ms
    private const double IntegrationSeconds = 0.15;  // Pan–Tompkins: 150 ms moving-window integration
    private const double RefractorySeconds = 0.2;    // Pan–Tompkins: 200 ms refractory period
    private const double TWaveSeconds = 0.36;        // Pan–Tompkins: T-wave check within 360 ms
    private const double LearningSeconds = 2;        // Pan–Tompkins: 2 s learning phase
    private const double MaxWaitSeconds = 0.15;      // a plateau of the energy confirms as a peak after 150 ms
    private const double FiducialReachSeconds = 0.05;
    private const double ConfirmFraction = 0.6;      // a peak is confirmed once the energy falls 40 % below it
    private const double LatencyBoundSeconds = 0.295; // ... or, at the latest, this long after its fiducial point
    private const double MinConfirmSeconds = 0.04;   // ... but never sooner than this after the peak
    private const double ThresholdFraction = 0.3;    // threshold = noise + 0.3 (signal − noise), on the root energy
    private const double SearchBackFactor = 1.66;    // Pan–Tompkins: RR missed limit
    private const double SlowRate = 0.125;           // Pan–Tompkins level update weights
    private const double SearchBackRate = 0.25;

    private void Step(float x, Span<DetectedBeat> beats, ref int written)
    {
        ref var s = ref _s;
        var n = s.N;
        if (!float.IsFinite(x))
        {
            x = s.LastInput; // a dropped or corrupt sample holds the last good value instead of poisoning the filters
        }
        s.LastInput = x;
        var y = _lowPass2.Step(_lowPass1.Step(_highPass2.Step(_highPass1.Step(x))));
        // Ring positions advance by one and wrap: no division per sample.
        var lagSlot = s.LagSlot;
        var dy = y - _band[lagSlot];
        _band[lagSlot] = y;
        s.LagSlot = lagSlot + 1 == _band.Length ? 0 : lagSlot + 1;
        _slope[(int)(n & _ringMask)] = (float)Math.Abs(dy);
        var sq = dy * dy;
        var w = s.MwiSlot;
        s.MwiSum += sq - _squares[w];
        _squares[w] = sq;
        if (w + 1 == _squares.Length)
        {
            // Once per window, sum afresh so rounding cannot drift over days of streaming.
            s.MwiSlot = 0;
            double exact = 0;
            foreach (var v in _squares)
            {
                exact += v;
            }
            s.MwiSum = exact;
        }
        else
        {
            s.MwiSlot = w + 1;
        }
        // The root of the integrated energy is linear in amplitude: thresholds are then fractions of
        // QRS amplitude, so a beat a third as tall as a neighbouring PVC is not buried under it.
        var m = s.MwiSum > 0 ? Math.Sqrt(s.MwiSum) : 0;

        if (n < _learning)
        {
            s.LearnMax = Math.Max(s.LearnMax, m);
            s.LearnSum += m;
        }

        if (s.Rising)
        {
            if (m > s.PeakValue)
            {
                s.PeakValue = m;
                s.PeakIndex = n;
                s.Deadline = long.MaxValue;
            }
            else if (n - s.PeakIndex == _minConfirm)
            {
                // A wide QRS lets its energy fall slowly: decide by the latency bound at the latest.
                s.Deadline = Fiducial(s.PeakIndex, n) + _latencyBound;
            }
            if (m <= s.PeakValue && (m < ConfirmFraction * s.PeakValue || n - s.PeakIndex >= _maxWait || n >= s.Deadline))
            {
                s.Rising = false;
                s.Valley = m;
                var c = MakeCandidate(s.PeakValue, s.PeakIndex, n);
                OnCandidate(in c, beats, ref written);
            }
        }
        else if (m < s.Valley)
        {
            s.Valley = m;
        }
        else if (m > 1.5 * s.Valley && m > 0)
        {
            s.Rising = true;
            s.PeakValue = m;
            s.PeakIndex = n;
            s.Deadline = long.MaxValue;
        }

        if (n == _learning)
        {
            EndLearning(beats, ref written);
        }
        else if (s.Learned && s.HasBeat && s.SearchBack.Valid && n - s.LastIndex > s.MissedLimit)
        {
            // Search-back: no beat for 1.66 RR, so take the best candidate since the last beat if it
            // clears half the threshold. Such a beat is decided late, by design.
            if (s.SearchBack.Peak > 0.5 * Threshold())
            {
                var c = s.SearchBack;
                Accept(in c, searchBack: true, beats, ref written);
            }
            s.SearchBack = default;
        }
        s.N = n + 1;
    }

    private double Threshold() => _s.NoiseLevel + ThresholdFraction * (_s.SignalLevel - _s.NoiseLevel);

    private long Fiducial(long index, long now) => MakeCandidate(0, index, now).Fiducial;

    private Candidate MakeCandidate(double peak, long index, long now)
    {
        // The QRS lies in the integration window that ends at the energy peak (reaching a little
        // further back for wide and paced beats); its fiducial point is the steepest slope there.
        var from = Math.Max(index - _mwiLength - _derivativeLag - _fiducialReach, Math.Max(now - _ringMask, 0));
        float slope = 0;
        var at = index;
        for (var j = from; j <= index; j++)
        {
            var v = _slope[(int)(j & _ringMask)];
            if (v > slope)
            {
                slope = v;
                at = j;
            }
        }
        var fiducial = Math.Max(0, at - _derivativeLag / 2 - _fiducialDelay);
        return new Candidate(true, peak, index, slope, fiducial);
    }

    private void OnCandidate(in Candidate c, Span<DetectedBeat> beats, ref int written)
    {
        ref var s = ref _s;
        if (!s.Learned)
        {
            if (s.LearnedCount < _learned.Length)
            {
                _learned[s.LearnedCount++] = c;
            }
            return;
        }
        var since = s.HasBeat ? c.Index - s.LastIndex : long.MaxValue;
        if (since < _refractory)
        {
            return; // physiological refractory period: no second QRS
        }
        // Pan–Tompkins: within 360 ms of a beat, a candidate with less than half its slope is a T wave.
        var tWave = since < _tWaveWindow && c.Slope < 0.5 * s.LastSlope;
        if (c.Peak > Threshold() && !tWave)
        {
            Accept(in c, searchBack: false, beats, ref written);
            return;
        }
        s.NoiseLevel = SlowRate * c.Peak + (1 - SlowRate) * s.NoiseLevel;
        if (!tWave && (!s.SearchBack.Valid || c.Peak > s.SearchBack.Peak))
        {
            s.SearchBack = c;
        }
    }

    private void Accept(in Candidate c, bool searchBack, Span<DetectedBeat> beats, ref int written)
    {
        ref var s = ref _s;
        if (s.HasBeat)
        {
            UpdateRr((int)(c.Index - s.LastIndex));
        }
        var rate = searchBack ? SearchBackRate : SlowRate;
        s.SignalLevel = rate * c.Peak + (1 - rate) * s.SignalLevel;
        s.LastIndex = c.Index;
        s.LastSlope = c.Slope;
        s.HasBeat = true;
        s.SearchBack = default;
        if (written >= beats.Length)
        {
            throw new ArgumentException("the beat destination is full; size it with MaxBeatsFor", nameof(beats));
        }
        beats[written++] = new DetectedBeat(c.Fiducial, s.N, (float)c.Peak, c.Slope, searchBack);
    }

    private void UpdateRr(int rr)
    {
        ref var s = ref _s;
        _rr1[s.Rr1Next] = rr;
        s.Rr1Next = (s.Rr1Next + 1) & 7;
        var avg2 = Average(_rr2);
        if (rr > 0.92 * avg2 && rr < 1.16 * avg2)
        {
            _rr2[s.Rr2Next] = rr;
            s.Rr2Next = (s.Rr2Next + 1) & 7;
            s.IrregularRun = 0;
        }
        else if (++s.IrregularRun >= 8)
        {
            // Pan–Tompkins keeps the "regular" average; after 8 irregular beats in a row, follow the rhythm.
            Array.Copy(_rr1, _rr2, 8);
            s.IrregularRun = 0;
        }
        s.MissedLimit = SearchBackFactor * Average(_rr2);
    }

    private static double Average(int[] values)
    {
        long sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum / (double)values.Length;
    }

    private void EndLearning(Span<DetectedBeat> beats, ref int written)
    {
        ref var s = ref _s;
        s.Learned = true;
        s.SignalLevel = 0.5 * s.LearnMax;
        s.NoiseLevel = s.LearnSum / _learning;
        var rr = (int)Math.Round(0.8 * _fs);
        Array.Fill(_rr1, rr);
        Array.Fill(_rr2, rr);
        s.MissedLimit = SearchBackFactor * rr;
        for (var i = 0; i < s.LearnedCount; i++)
        {
            OnCandidate(in _learned[i], beats, ref written);
        }
        s.LearnedCount = 0;
    }

    private readonly record struct Candidate(bool Valid, double Peak, long Index, float Slope, long Fiducial);

    private struct State
    {
        public long N;
        public float LastInput;
        public int LagSlot;
        public int MwiSlot;
        public double MwiSum;
        public bool Rising;
        public double PeakValue;
        public long PeakIndex;
        public long Deadline;
        public double Valley;
        public bool Learned;
        public double LearnMax;
        public double LearnSum;
        public int LearnedCount;
        public double SignalLevel;
        public double NoiseLevel;
        public bool HasBeat;
        public long LastIndex;
        public float LastSlope;
        public double MissedLimit;
        public int Rr1Next;
        public int Rr2Next;
        public int IrregularRun;
        public Candidate SearchBack;
    }
}
