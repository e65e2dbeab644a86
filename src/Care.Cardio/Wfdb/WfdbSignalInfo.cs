namespace Care.Cardio.Wfdb;

/// <summary>
/// One signal line of a WFDB header: where its samples are stored and how to turn them into
/// physical units (<c>physical = (adc - Baseline) / Gain</c>).
/// </summary>
/// <param name="FileName">The signal file, relative to the header's folder.</param>
/// <param name="Format">The storage format code (212 and 16 are supported).</param>
/// <param name="Gain">ADC units per physical unit (200 when the header leaves it out or gives 0).</param>
/// <param name="Baseline">The ADC value that corresponds to 0 physical units.</param>
/// <param name="Units">The physical unit (<c>mV</c> when the header leaves it out).</param>
/// <param name="AdcResolution">ADC resolution in bits (0 when not given).</param>
/// <param name="AdcZero">The ADC value at the middle of the input range.</param>
/// <param name="InitialValue">The first sample's value as stated by the header, if given.</param>
/// <param name="Checksum">The 16-bit checksum of all samples as stated by the header, if given.</param>
/// <param name="ByteOffset">Bytes to skip at the start of the signal file (the <c>+offset</c> suffix).</param>
/// <param name="Description">The signal's description (for MIT-BIH, the lead: <c>MLII</c>, <c>V5</c>).</param>
public sealed record WfdbSignalInfo(
    string FileName,
    int Format,
    double Gain,
    int Baseline,
    string Units,
    int AdcResolution,
    int AdcZero,
    int? InitialValue,
    int? Checksum,
    long ByteOffset,
    string Description);
