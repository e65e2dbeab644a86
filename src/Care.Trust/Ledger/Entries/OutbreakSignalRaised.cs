namespace Care.Trust.Ledger.Entries;

/// <summary>
/// Hermes's population surveillance raised an outbreak signal for one region: which day, which daily
/// count (fever, raised resting heart rate, new AF episodes, exposure notifications), the count, the
/// model's expectation and the detector's score. About a region, never a wearer; an act like every alert.
/// </summary>
/// <param name="SignalId">Hermes's signal id.</param>
/// <param name="Region">The region (as Hermes derives it from the enrolling kiosk).</param>
/// <param name="Day">The day counted, <c>yyyy-MM-dd</c> (UTC).</param>
/// <param name="Measure">Which daily count (<c>fever</c>, <c>raised-resting-heart-rate</c>, <c>new-af-episodes</c>, <c>exposure-notifications</c>).</param>
/// <param name="Observed">The day's count (wearers or episodes).</param>
/// <param name="Expected">The detector's expectation for that day.</param>
/// <param name="Score">−log10 of the detector's tail probability.</param>
/// <param name="Detector">The detector and its threshold, e.g. <c>hermes-daily&gt;2.3</c>.</param>
public sealed record OutbreakSignalRaised(long SignalId, string Region, string Day, string Measure, long Observed, double Expected, double Score, string Detector) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Integer("signalId", SignalId);
        fields.Text("region", Region);
        fields.Text("day", Day);
        fields.Text("measure", Measure);
        fields.Integer("observed", Observed);
        fields.Number("expected", Expected);
        fields.Number("score", Score);
        fields.Text("detector", Detector);
    }
}
