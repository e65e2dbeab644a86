using Care.Cardio.Classes;
using Care.Cardio.Pipeline;
using Care.Core.Events;

namespace Care.Patch.Ecg;

/// <summary>
/// Runs Care.Cardio's <see cref="EcgPipeline"/> on one ECG recording of a patch and turns what it
/// finds into records: a heart rate per minute (from the beats whose R wave falls in the minute)
/// and rhythm events — AF episodes (from the pipeline's rhythm changes, stretches less than
/// <see cref="AfMergeGap"/> apart merged, at least <see cref="MinAfDuration"/> long), runs of three or more
/// consecutive ventricular beats (one misclassified beat inside a run is bridged, see
/// <see cref="VentricularRunTracker"/>), and pauses (an RR interval of <see cref="PauseThreshold"/> or
/// more). Records are handed to the <see cref="IEcgRecordSink"/> as soon as they are final. A
/// recording has one start time; call <see cref="End"/> when it stops (an open AF episode is closed
/// there). Each reported event also gets ECG strips from an <see cref="EcgStripRecorder"/> (AF:
/// its onset and offset; runs and pauses: their start), handed to
/// <see cref="IEcgRecordSink.OnStrip"/> after the event. Allocates nothing per sample. Not thread safe.
/// </summary>
public sealed class PatchEcgMonitor
{
    /// <summary>The shortest RR interval reported as a pause: 2 s (the usual Holter criterion; 3 s is the clinically significant one).</summary>
    public static readonly TimeSpan PauseThreshold = TimeSpan.FromSeconds(2);

    /// <summary>
    /// AF stretches separated by less than this are one episode: the pipeline's 32-beat windows
    /// drop in and out of AF during an episode whose rhythm briefly looks regular.
    /// </summary>
    public static readonly TimeSpan AfMergeGap = TimeSpan.FromMinutes(2);

    /// <summary>The shortest AF episode reported: 30 s (the ESC/AHA definition of an AF episode).</summary>
    public static readonly TimeSpan MinAfDuration = TimeSpan.FromSeconds(30);

    /// <summary>The fewest consecutive ventricular beats reported as a run (three: a salvo or non-sustained VT).</summary>
    public const int MinRunBeats = VentricularRunTracker.MinBeats;

    private readonly EcgPipeline _pipeline;
    private readonly IEcgRecordSink _sink;
    private readonly long _samplesPerMinute;
    private DateTimeOffset _start;
    private long _minute;
    private long _firstBeat = -1;
    private long _lastBeat = -1;
    private int _beatsInMinute;
    private long _afStart = -1;
    private long _afEnd = -1;
    private readonly VentricularRunTracker _runs = new();
    private readonly EcgStripRecorder? _strips;
    private StripCapture? _onset;
    private StripCapture? _offset;
    private readonly long[] _byKind = new long[PatchEventKinds.All.Count + 1];
    private bool _ended = true;
    private long _samples;

    /// <summary>Creates a monitor for a lead sampled at <paramref name="samplingHz"/> (125–1000 Hz, a whole number of samples per minute).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is out of range or does not give whole samples per minute.</exception>
    public PatchEcgMonitor(double samplingHz, IEcgRecordSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!(samplingHz is >= 125 and <= 1000) || samplingHz * 60 != Math.Floor(samplingHz * 60))
        {
            throw new ArgumentOutOfRangeException(nameof(samplingHz), samplingHz, "must be 125–1000 Hz with a whole number of samples per minute");
        }
        _pipeline = new EcgPipeline(samplingHz);
        _sink = sink;
        _samplesPerMinute = (long)(samplingHz * 60);
        // Strips carry a whole sampling rate; a fractional rate records none.
        _strips = samplingHz == Math.Floor(samplingHz) ? new EcgStripRecorder((int)samplingHz) : null;
    }

    /// <summary>ECG strips handed to the sink since construction.</summary>
    public long StripsReported { get; private set; }

    /// <summary>The sampling rate, Hz.</summary>
    public double SamplingHz => _pipeline.SamplingHz;

    /// <summary>Rhythm events reported since construction.</summary>
    public long EventsReported { get; private set; }

    /// <summary>Rhythm events of <paramref name="kind"/> reported since construction.</summary>
    public long EventsOf(PatchEventKind kind) => (int)kind is >= 1 and <= 3 ? _byKind[(int)kind] : 0;

    /// <summary>Heart-rate records reported since construction.</summary>
    public long HeartRatesReported { get; private set; }

    /// <summary>Starts a new recording whose sample 0 is at <paramref name="start"/> (UTC, a whole minute); ends the previous one first.</summary>
    /// <exception cref="ArgumentException">The start is not on a whole minute.</exception>
    public void Begin(DateTimeOffset start)
    {
        if (start.UtcTicks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentException($"a recording starts on a whole minute, not at {start:O}", nameof(start));
        }
        if (!_ended)
        {
            End();
        }
        _pipeline.Reset();
        _start = start;
        _minute = 0;
        _firstBeat = _lastBeat = -1;
        _beatsInMinute = 0;
        _afStart = _afEnd = -1;
        _runs.Reset();
        _strips?.Reset();
        _onset = _offset = null;
        _samples = 0;
        _ended = false;
    }

    /// <summary>Consumes samples (mV) of the current recording.</summary>
    /// <exception cref="InvalidOperationException">No recording is open (call <see cref="Begin"/>).</exception>
    public void Process(ReadOnlySpan<float> samples)
    {
        if (_ended)
        {
            throw new InvalidOperationException("no ECG recording is open; call Begin first");
        }
        _strips?.Append(samples);
        _pipeline.Process(samples, new Listener(this));
        _samples += samples.Length;
    }

    /// <summary>Ends the current recording: reports the last minute's heart rate, a run in progress and an open AF episode (ending at the last sample).</summary>
    public void End()
    {
        if (_ended)
        {
            return;
        }
        _pipeline.Flush(new Listener(this));
        long last = _samples - 1;
        CloseMinute();
        ReportRun(_runs.End());
        _strips?.CompleteAll();
        if (_afStart >= 0 && _afEnd < 0)
        {
            _afEnd = Math.Max(_afStart, last);
            ReportAf("ongoing when the recording stopped");
        }
        ReportAf(null);
        _ended = true;
    }

    private DateTimeOffset Time(long sample) =>
        _start.AddTicks((long)Math.Round(sample / SamplingHz * 1000) * TimeSpan.TicksPerMillisecond);

    private void Report(PatchEvent e)
    {
        _sink.OnEvent(e);
        EventsReported++;
        _byKind[(int)e.Kind]++;
    }

    private void OnBeat(in BeatEvent beat)
    {
        if (_afEnd >= 0 && beat.Sample - _afEnd > AfMergeGap.TotalSeconds * SamplingHz)
        {
            ReportAf(null);
        }
        long minute = beat.Sample / _samplesPerMinute;
        if (minute > _minute)
        {
            CloseMinute();
            _minute = minute;
        }
        if (minute == _minute)
        {
            _firstBeat = _beatsInMinute == 0 ? beat.Sample : _firstBeat;
            _lastBeat = beat.Sample;
            _beatsInMinute++;
        }
        if (beat.RrSeconds >= PauseThreshold.TotalSeconds)
        {
            long before = beat.Sample - (long)Math.Round(beat.RrSeconds * SamplingHz);
            var pause = new PatchEvent(PatchEventKind.Pause, Time(before), Time(beat.Sample), Math.Round(beat.RrSeconds, 2), null);
            Report(pause);
            StripOf(pause, "start", before);
        }
    }

    private void CloseMinute()
    {
        if (_beatsInMinute >= 2 && _lastBeat > _firstBeat)
        {
            // Mean rate over the minute's beats: 60 × intervals / their span.
            double bpm = 60.0 * (_beatsInMinute - 1) * SamplingHz / (_lastBeat - _firstBeat);
            _sink.OnHeartRate(_start.AddMinutes(_minute), Math.Round(bpm));
            HeartRatesReported++;
        }
        _beatsInMinute = 0;
        _firstBeat = _lastBeat = -1;
    }

    private void OnBeatClass(in BeatClassEvent beat)
    {
        _strips?.AddBeat(beat.Sample, beat.Class);
        ReportRun(_runs.Add(beat.Sample, beat.Class == AamiClass.V));
    }

    private void StripOf(PatchEvent e, string anchor, long sample)
    {
        if (_strips is { } strips && sample >= 0)
        {
            strips.Capture(sample, strip => Emit(e, anchor, strip));
        }
    }

    private void Emit(PatchEvent e, string anchor, Care.Core.Strips.EcgStrip strip)
    {
        _sink.OnStrip(e, anchor, strip);
        StripsReported++;
    }

    private void ReportRun(VentricularRunTracker.Run? run)
    {
        if (run is { } r)
        {
            var runEvent = new PatchEvent(PatchEventKind.VentricularRun, Time(r.StartSample), Time(r.EndSample), r.Beats, null);
            Report(runEvent);
            StripOf(runEvent, "start", r.StartSample);
        }
    }

    private void OnRhythm(in RhythmEvent change)
    {
        if (change.Rhythm == RhythmKind.AtrialFibrillation)
        {
            // AF again within the merge gap continues the episode. The onset strip is cut now,
            // while its signal is still held; it is sent if the episode is reported.
            if (_afStart < 0)
            {
                _afStart = change.StartSample;
                _onset = _strips?.Capture(Math.Min(change.StartSample, change.DecidedAtSample));
            }
            _afEnd = -1;
            _offset = null;
        }
        else if (_afStart >= 0 && _afEnd < 0)
        {
            _afEnd = Math.Max(_afStart, change.StartSample);
            _offset = _strips?.Capture(Math.Min(_afEnd, change.DecidedAtSample));
        }
    }

    /// <summary>Reports the closed AF episode, if any and long enough, and forgets it.</summary>
    private void ReportAf(string? detail)
    {
        if (_afStart >= 0 && _afEnd >= 0)
        {
            if (_afEnd - _afStart >= MinAfDuration.TotalSeconds * SamplingHz)
            {
                var af = new PatchEvent(PatchEventKind.AtrialFibrillation, Time(_afStart), Time(_afEnd), null, detail);
                Report(af);
                foreach (var (capture, anchor) in new[] { (_onset, "onset"), (_offset, "offset") })
                {
                    if (capture?.Strip is { } strip)
                    {
                        Emit(af, anchor, strip);
                    }
                }
            }
            _afStart = _afEnd = -1;
            _onset = _offset = null;
        }
    }

    private readonly struct Listener(PatchEcgMonitor monitor) : IEcgListener
    {
        public void OnBeat(in BeatEvent beat) => monitor.OnBeat(beat);

        public void OnBeatClass(in BeatClassEvent beat) => monitor.OnBeatClass(beat);

        public void OnRhythm(in RhythmEvent change) => monitor.OnRhythm(change);

        public void OnHrv(in HrvEvent window)
        {
            // HRV is not a bundle record: the patch does not report it.
        }
    }
}
