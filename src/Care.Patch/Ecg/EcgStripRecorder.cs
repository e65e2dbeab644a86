using Care.Cardio.Classes;
using Care.Core.Strips;

namespace Care.Patch.Ecg;

/// <summary>
/// Keeps the last <see cref="HistorySeconds"/> of one ECG lead (as µV in 16 bits) and the beats
/// detected in it with their classes, and cuts strips from <see cref="Margin"/> before an anchor
/// sample to <see cref="Margin"/> after it, at the recording's own rate. Rhythm events are decided
/// late (AF about a minute after its onset), so the history is long enough for an anchor decided
/// that late; an anchor older than the history gives a strip that starts where the history does.
/// State: 2 bytes a sample of history plus 12 bytes a beat; a capture allocates its strip when it
/// completes, nothing per sample otherwise. Not thread safe.
/// </summary>
public sealed class EcgStripRecorder
{
    /// <summary>Signal kept before an anchor and after it: 10 s each side.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>Seconds of signal held: a minute and a half of decision delay plus both margins.</summary>
    public const int HistorySeconds = 120;

    private const int MaxBeats = 1024; // 120 s at 500 beats/min
    private readonly short[] _ring;
    private readonly long[] _beatSamples = new long[MaxBeats];
    private readonly byte[] _beatClasses = new byte[MaxBeats];
    private readonly List<StripCapture> _pending = [];
    private readonly int _margin;
    private long _samples;
    private long _beats;

    /// <summary>Creates a recorder for a lead at <paramref name="samplingHz"/> samples per second (125–1000).</summary>
    public EcgStripRecorder(int samplingHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplingHz, 125);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samplingHz, 1000);
        SamplingHz = samplingHz;
        _ring = new short[HistorySeconds * samplingHz];
        _margin = (int)(Margin.TotalSeconds * samplingHz);
    }

    /// <summary>Samples per second.</summary>
    public int SamplingHz { get; }

    /// <summary>Bytes of state (excluding strips in flight).</summary>
    public int StateBytes => _ring.Length * 2 + MaxBeats * 9 + 64;

    /// <summary>Captures still waiting for signal after their anchor.</summary>
    public int Pending => _pending.Count;

    /// <summary>Forgets the signal, the beats and any capture in flight (a new recording).</summary>
    public void Reset()
    {
        _samples = 0;
        _beats = 0;
        _pending.Clear();
    }

    /// <summary>Appends samples (mV; non-finite samples are kept as 0), then completes the captures that now have their margin after the anchor.</summary>
    public void Append(ReadOnlySpan<float> millivolts)
    {
        foreach (var x in millivolts)
        {
            var uv = float.IsFinite(x) ? Math.Round(x * 1000.0) : 0;
            _ring[(int)(_samples++ % _ring.Length)] = (short)Math.Clamp(uv, short.MinValue, short.MaxValue);
        }
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            if (_samples >= _pending[i].AnchorSample + _margin)
            {
                Complete(_pending[i]);
                _pending.RemoveAt(i);
            }
        }
    }

    /// <summary>Records a classed beat at <paramref name="sample"/> (beats in sample order).</summary>
    public void AddBeat(long sample, AamiClass cls)
    {
        var k = (int)(_beats++ % MaxBeats);
        _beatSamples[k] = sample;
        _beatClasses[k] = (byte)"NSVFQ"[(int)cls];
    }

    /// <summary>
    /// Starts a capture centred on <paramref name="anchorSample"/> (not after the newest sample);
    /// <paramref name="then"/>, when given, is called with the strip when it completes.
    /// </summary>
    public StripCapture Capture(long anchorSample, Action<EcgStrip>? then = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(anchorSample);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(anchorSample, _samples);
        var capture = new StripCapture(anchorSample, then);
        if (_samples >= anchorSample + _margin)
        {
            Complete(capture);
        }
        else
        {
            _pending.Add(capture);
        }
        return capture;
    }

    /// <summary>Completes every capture in flight with the signal there is (the recording is ending).</summary>
    public void CompleteAll()
    {
        foreach (var c in _pending)
        {
            Complete(c);
        }
        _pending.Clear();
    }

    private void Complete(StripCapture capture)
    {
        var from = Math.Max(Math.Max(0, capture.AnchorSample - _margin), _samples - _ring.Length);
        var to = Math.Min(_samples, capture.AnchorSample + _margin);
        from = Math.Min(from, to);
        var uv = new int[to - from];
        for (var s = from; s < to; s++)
        {
            uv[s - from] = _ring[(int)(s % _ring.Length)];
        }
        var beats = new List<StripBeat>();
        for (var b = Math.Max(0, _beats - MaxBeats); b < _beats; b++)
        {
            var k = (int)(b % MaxBeats);
            if (_beatSamples[k] >= from && _beatSamples[k] < to)
            {
                beats.Add(new StripBeat((int)(_beatSamples[k] - from), (char)_beatClasses[k]));
            }
        }
        capture.Strip = new EcgStrip(SamplingHz, from, uv, beats);
        capture.Then?.Invoke(capture.Strip);
    }
}
