using System.Globalization;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Population;

/// <summary>
/// The region rule and the signal's ledger form, shared by every backend: a wearer is counted in the region of the
/// kiosk that enrolled their newest active patch (a kiosk stands in one place; docs/adr/0022); patches registered
/// without a kiosk count in <see cref="Unassigned"/>.
/// </summary>
public static class PopulationRegions
{
    /// <summary>The region of wearers whose patch names no kiosk.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>The region of a patch enrolled by <paramref name="kioskId"/>.</summary>
    public static string Of(string? kioskId) => string.IsNullOrWhiteSpace(kioskId) ? Unassigned : kioskId;

    /// <summary>Refuses a signal that could not be stored or ledgered, naming the field.</summary>
    public static void Check(OutbreakSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentException.ThrowIfNullOrWhiteSpace(signal.Region, nameof(signal.Region));
        ArgumentOutOfRangeException.ThrowIfNegative(signal.Observed, nameof(signal.Observed));
        if (!double.IsFinite(signal.Expected) || !double.IsFinite(signal.Score))
        {
            throw new ArgumentOutOfRangeException(nameof(signal), "expected and score must be finite");
        }
        _ = signal.Measure.ToName();
    }

    /// <summary>The <c>OutbreakSignalRaised</c> entry of a stored signal.</summary>
    public static OutbreakSignalRaised Entry(OutbreakSignal s) =>
        new(s.Id, s.Region, s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Measure.ToName(), s.Observed, s.Expected, s.Score, s.Detector) { At = s.RaisedAt };
}
