namespace Care.Hermes.Ingest;

/// <summary>The answer to an accepted upload: the kiosk's acknowledgement.</summary>
/// <param name="BundleId">The bundle's id.</param>
/// <param name="Status">Stored now, or already stored before.</param>
/// <param name="ObservationsStored">Observations the bundle holds in storage.</param>
/// <param name="AlertsRaised">Alerts this upload raised (0 for a re-send).</param>
/// <param name="ContentSha256">SHA-256 of the bundle's canonical encoding, hex.</param>
public sealed record IngestResult(Guid BundleId, IngestStatus Status, int ObservationsStored, int AlertsRaised, string ContentSha256)
{
    /// <summary>
    /// The log's signed promise for this upload's <c>BundleAccepted</c> entry (stored now; null for a
    /// re-send, whose entry was promised when it was first stored, and for a backend without an outbox).
    /// Named <c>ledgerPromise</c> on the wire, as in the alert acknowledgement.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("ledgerPromise")]
    public Ledger.LedgerPromise? Promise { get; init; }
}
