using Care.Core.Observations;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>
/// The Nightscout/Dexcom trend arrow of a CGM reading from the glucose slope: the least-squares rate
/// (mg/dL per minute) over the readings of the <see cref="Window"/> ending at it. Thresholds are the
/// Dexcom arrow bands Nightscout displays: |rate| &lt; 1 Flat, 1–2 FortyFive, 2–3 Single, ≥ 3 Double.
/// Thread safe (pure).
/// </summary>
public static class NightscoutDirection
{
    /// <summary>How far back readings count towards the slope: 15 minutes (three 5-minute readings).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>What Nightscout shows when the slope cannot be computed (no earlier reading in the window).</summary>
    public const string NotComputable = "NOT COMPUTABLE";

    /// <summary>The arrow name for a rate in mg/dL per minute (NaN gives <see cref="NotComputable"/>).</summary>
    public static string FromRate(double mgPerDlPerMinute) => mgPerDlPerMinute switch
    {
        double.NaN => NotComputable,
        >= 3 => "DoubleUp",
        >= 2 => "SingleUp",
        >= 1 => "FortyFiveUp",
        > -1 => "Flat",
        > -2 => "FortyFiveDown",
        > -3 => "SingleDown",
        _ => "DoubleDown",
    };

    /// <summary>
    /// The rate (mg/dL per minute) at <paramref name="index"/> of time-ordered CGM readings: the
    /// least-squares slope over the readings in (time − <see cref="Window"/>, time]; NaN when fewer than two.
    /// </summary>
    public static double Rate(IReadOnlyList<Observation> readings, int index)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var end = readings[index].Time;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = index; i >= 0 && end - readings[i].Time < Window; i--)
        {
            double x = (readings[i].Time - end).TotalMinutes;
            double y = readings[i].Value;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return n < 2 || denominator <= 0 ? double.NaN : (n * sxy - sx * sy) / denominator;
    }
}
