namespace Care.Cardio.Wfdb;

/// <summary>The contents of a WFDB header file (<c>.hea</c>): the record line and its signal lines.</summary>
/// <param name="RecordName">The record name from the record line.</param>
/// <param name="SamplingFrequencyHz">Samples per second per signal (250 when the header leaves it out).</param>
/// <param name="SamplesPerSignal">Samples per signal, or null when the header does not say.</param>
/// <param name="Signals">The signal lines, in header order.</param>
/// <param name="Comments">Comment lines (without the leading <c>#</c>), in order.</param>
public sealed record WfdbHeader(
    string RecordName,
    double SamplingFrequencyHz,
    long? SamplesPerSignal,
    IReadOnlyList<WfdbSignalInfo> Signals,
    IReadOnlyList<string> Comments)
{
    /// <summary>The number of signals.</summary>
    public int SignalCount => Signals.Count;

    /// <summary>The record's duration, when the header states the number of samples.</summary>
    public TimeSpan? Duration => SamplesPerSignal is { } n ? TimeSpan.FromSeconds(n / SamplingFrequencyHz) : null;
}
