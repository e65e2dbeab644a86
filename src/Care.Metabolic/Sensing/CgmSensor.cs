namespace Care.Metabolic.Sensing;

/// <summary>
/// A simulated CGM (MODEL.md section 6): at every minute that is a multiple of the sample period
/// it reads clip(BG + noise, min, max); between samples it holds the last reading. Not thread-safe.
/// </summary>
public sealed class CgmSensor
{
    private readonly CgmNoise _noise;

    /// <summary>Creates the sensor with its noise stream.</summary>
    public CgmSensor(CgmSensorParameters parameters, IStandardNormalSource draws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _noise = new CgmNoise(parameters, draws);
    }

    /// <summary>The sensor model.</summary>
    public CgmSensorParameters Parameters { get; }

    /// <summary>The last reading (mg/dL), NaN before the first.</summary>
    public double LastReadingMgPerDl { get; private set; } = double.NaN;

    /// <summary>Takes a new reading of <paramref name="bloodGlucoseMgPerDl"/> now, advancing the noise stream.</summary>
    public double Read(double bloodGlucoseMgPerDl)
    {
        var value = bloodGlucoseMgPerDl + _noise.Next();
        LastReadingMgPerDl = Math.Clamp(value, Parameters.MinMgPerDl, Parameters.MaxMgPerDl);
        return LastReadingMgPerDl;
    }

    /// <summary>The sensor output at <paramref name="minute"/>: a new reading on the sample grid, the held one otherwise.</summary>
    public double Measure(long minute, double bloodGlucoseMgPerDl) =>
        minute % Parameters.SampleMinutes == 0 ? Read(bloodGlucoseMgPerDl) : LastReadingMgPerDl;
}
