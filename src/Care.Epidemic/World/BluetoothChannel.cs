namespace Care.Epidemic.World;

/// <summary>
/// Attenuation (dB) a patch reports for another wearer's patch: log-distance path loss
/// A = 48 + 10·n·log10(d) with 48 dB at 1 m and exponent n = 2.0 indoors, 2.2 in the open, 1.6 in
/// transit (metal cars reflect: attenuation reads low, the distance short); one body between the two
/// patches in 40 % of intervals (+6–14 dB); clothing or a bag over a patch in 30 % (+5 dB); a fixed
/// per-device calibration error, N(0, 3 dB) each side (phone-to-patch variation); per-scan noise N(0, 4 dB),
/// averaged over the interval's scans (one every 5 minutes); the distance itself wanders (log-normal,
/// σ 0.25) within a contact. Numbers follow the measurements of Leith and Farrell (2020) and the
/// Corona-Warn-App field calibration; see ADR 0010. Thread-safe for reading after construction.
/// </summary>
public sealed class BluetoothChannel
{
    private readonly float[] _deviceOffsetDb;

    /// <summary>Draws the per-device calibration errors of <paramref name="agents"/> patches.</summary>
    public BluetoothChannel(int agents, int seed)
    {
        var random = new Random(HashCode.Combine(seed, 0xB1E));
        _deviceOffsetDb = new float[agents];
        for (var i = 0; i < agents; i++)
        {
            _deviceOffsetDb[i] = (float)(3 * Normal(random));
        }
    }

    /// <summary>The attenuation heard by <paramref name="receiver"/> from <paramref name="transmitter"/> over one interval with <paramref name="scans"/> scans.</summary>
    public double Attenuation(double distanceM, ContactSetting setting, int receiver, int transmitter, int scans, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = setting switch
        {
            ContactSetting.Transit => 1.6,
            ContactSetting.Random => 2.2,
            _ => 2.0,
        };
        var d = Math.Max(0.2, distanceM * Math.Exp(0.25 * Normal(random)));
        var a = 48 + (10 * n * Math.Log10(d));
        if (random.NextDouble() < 0.4)
        {
            a += 6 + (8 * random.NextDouble());
        }
        if (random.NextDouble() < 0.3)
        {
            a += 5;
        }
        a += _deviceOffsetDb[receiver] + _deviceOffsetDb[transmitter];
        a += 4 * Normal(random) / Math.Sqrt(Math.Max(1, scans));
        return Math.Max(0, a);
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
