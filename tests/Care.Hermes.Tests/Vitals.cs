using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Hermes.Tests;

/// <summary>Bundles of per-minute vitals for tests: steady values, or a deteriorated picture.</summary>
internal static class Vitals
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every minute from <paramref name="from"/> for <paramref name="minutes"/>: HR, SpO2, RR, temperature and BP.</summary>
    public static Bundle Minutes(string wearer, DateTimeOffset from, int minutes, bool ill = false, Guid? id = null)
    {
        var list = new List<Observation>(minutes * 6);
        for (int m = 0; m < minutes; m++)
        {
            var t = from.AddMinutes(m);
            list.Add(new(VitalSign.HeartRate, t, ill ? 135 : 70));
            list.Add(new(VitalSign.OxygenSaturation, t, ill ? 90 : 98));
            list.Add(new(VitalSign.BodyTemperature, t, ill ? 39.5 : 36.8));
            list.Add(new(VitalSign.RespiratoryRate, t, ill ? 26 : 15));
            list.Add(new(VitalSign.SystolicBloodPressure, t, ill ? 88 : 125));
        }
        return new Bundle(id ?? Guid.NewGuid(), PatchId.Parse("P-" + wearer), WearerId.Parse(wearer), from.AddMinutes(minutes), list);
    }

    /// <summary>
    /// Glucose (CGM) every 5 minutes from <paramref name="from"/> for <paramref name="minutes"/>, each
    /// with the insulin dose decided on it: 1 U/h basal, a 3 U bolus on the first, a suspend on every 6th.
    /// </summary>
    public static Bundle Glucose(string wearer, DateTimeOffset from, int minutes)
    {
        var observations = new List<Observation>();
        var doses = new List<DoseDelivery>();
        for (int m = 0, i = 0; m < minutes; m += 5, i++)
        {
            var t = from.AddMinutes(m);
            observations.Add(new(VitalSign.InterstitialGlucose, t, 120 + i));
            doses.Add(i % 6 == 5
                ? new DoseDelivery(t, 0, TimeSpan.FromMinutes(5), 0, DoseDeliveryReason.Suspend)
                : new DoseDelivery(t, 1.0, TimeSpan.FromMinutes(5), i == 0 ? 3 : 0, DoseDeliveryReason.ControllerDecision));
        }
        return new Bundle(Guid.NewGuid(), PatchId.Parse("P-" + wearer), WearerId.Parse(wearer), from.AddMinutes(minutes), observations) { Doses = doses };
    }

    public static byte[] Encode(Bundle bundle) => BundleWriter.Write(bundle);
}
