using System.Globalization;
using Care.Core.Doses;
using Care.Core.Ids;
using Care.Hermes.Storage;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>
/// A wearer's insulin deliveries as Nightscout v1 <c>treatments</c>: every delivery record is a
/// <c>Temp Basal</c> (absolute rate U/h for its minutes) and, when it carried a bolus, a
/// <c>Correction Bolus</c> (the patch's loop doses on glucose; Care records no carbohydrates, so there
/// is no <c>Meal Bolus</c> or carbs). The reason rides in <c>notes</c>. Thread safe.
/// </summary>
public static class NightscoutTreatments
{
    /// <summary>Who entered them, as Nightscout shows it.</summary>
    public const string EnteredBy = "care-patch-loop";

    /// <summary>The newest treatments matching <paramref name="filter"/> (time on <c>created_at</c>, value on <c>insulin</c>, type on <c>eventType</c>), newest first.</summary>
    public static async Task<IReadOnlyList<Dictionary<string, object?>>> ReadAsync(IHermesStore store, WearerId wearer, NightscoutFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        var doses = await store.QueryDosesAsync(new DoseQuery(wearer, filter.From, filter.To, NightscoutFilter.MaxCount), cancellationToken);
        var treatments = new List<Dictionary<string, object?>>();
        for (int i = doses.Count - 1; i >= 0 && treatments.Count < filter.Count; i--)
        {
            foreach (var treatment in Expand(wearer, doses[i]))
            {
                if (treatments.Count < filter.Count
                    && (filter.Type is null || Equals(treatment["eventType"], filter.Type))
                    && (filter.ValueMin is null && filter.ValueMax is null || treatment["insulin"] is double units && filter.Admits(units)))
                {
                    treatments.Add(treatment);
                }
            }
        }
        return treatments;
    }

    /// <summary>One delivery as Nightscout treatments: the bolus (if any) first, then the temp basal (newest-first order within a time).</summary>
    public static IEnumerable<Dictionary<string, object?>> Expand(WearerId wearer, DoseDelivery dose)
    {
        string created = NightscoutEntry.Iso(dose.Time);
        long mills = dose.Time.ToUnixTimeMilliseconds();
        string reason = DoseReasonNames.Name(dose.Reason);
        if (dose.BolusUnits > 0)
        {
            yield return new Dictionary<string, object?>
            {
                ["_id"] = NightscoutEntry.ObjectId("bolus", wearer, dose.Time),
                ["eventType"] = "Correction Bolus",
                ["created_at"] = created,
                ["mills"] = mills,
                ["insulin"] = Math.Round(dose.BolusUnits, 3),
                ["enteredBy"] = EnteredBy,
                ["notes"] = reason,
            };
        }
        yield return new Dictionary<string, object?>
        {
            ["_id"] = NightscoutEntry.ObjectId("basal", wearer, dose.Time),
            ["eventType"] = "Temp Basal",
            ["created_at"] = created,
            ["mills"] = mills,
            ["duration"] = Math.Round(dose.Duration.TotalMinutes, 2),
            ["absolute"] = Math.Round(dose.BasalUnitsPerHour, 3),
            ["rate"] = Math.Round(dose.BasalUnitsPerHour, 3),
            ["enteredBy"] = EnteredBy,
            ["notes"] = reason + string.Create(CultureInfo.InvariantCulture, $"; {dose.TotalUnits:0.###} U in total"),
        };
    }
}
