using Care.Core.Errors;
using Care.Hermes.Ingest;
using Care.Trust.Bundles;

namespace Care.Hermes.Cluster.Wearers;

/// <summary>
/// A wearer grain's answer: the <see cref="IngestResult"/>, or the domain failure by kind, place and
/// words. Domain exceptions travel as data because they are the expected answers of an upload, and
/// because an exception type the wire cannot rebuild would reach the caller as an opaque error. Immutable.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class WearerIngestReply
{
    /// <summary>The bundle's id.</summary>
    [Id(0)] public Guid BundleId { get; init; }

    /// <summary>True when stored now; false when stored before (or failed).</summary>
    [Id(1)] public bool Stored { get; init; }

    /// <summary>Observations the bundle holds in storage.</summary>
    [Id(2)] public int ObservationsStored { get; init; }

    /// <summary>Alerts this upload raised.</summary>
    [Id(3)] public int AlertsRaised { get; init; }

    /// <summary>SHA-256 of the bundle's canonical encoding, hex.</summary>
    [Id(4)] public string ContentSha256 { get; init; } = "";

    /// <summary>The kind of failure, or <see cref="WearerIngestFailure.None"/>.</summary>
    [Id(5)] public WearerIngestFailure Failure { get; init; }

    /// <summary>Where each problem is (JSON path or field), for a failure.</summary>
    [Id(6)] public string[] Where { get; init; } = [];

    /// <summary>What each problem is, in words, for a failure (the rejection's own text for <see cref="WearerIngestFailure.Rejected"/>).</summary>
    [Id(7)] public string[] Problems { get; init; } = [];

    /// <summary>The rejection reason, for <see cref="WearerIngestFailure.Rejected"/>.</summary>
    [Id(8)] public BundleRejection Rejection { get; init; }

    /// <summary>The log's signed promise for the upload's entry (stored now on a backend with an outbox), or null.</summary>
    [Id(9)] public WirePromise? Promise { get; init; }

    /// <summary>A success.</summary>
    public static WearerIngestReply Of(IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new WearerIngestReply
        {
            BundleId = result.BundleId, Stored = result.Status == IngestStatus.Stored, ObservationsStored = result.ObservationsStored,
            AlertsRaised = result.AlertsRaised, ContentSha256 = result.ContentSha256, Promise = WirePromise.From(result.Promise),
        };
    }

    /// <summary>A domain failure as data, or null for any other exception (which is not an answer and propagates).</summary>
    public static WearerIngestReply? Of(Exception exception) => exception switch
    {
        BundleRejectedException e => new WearerIngestReply
        {
            Failure = WearerIngestFailure.Rejected, Rejection = e.Reason, Where = ["$"], Problems = [StripPrefix(e)],
        },
        InvalidInputException e => new WearerIngestReply
        {
            Failure = WearerIngestFailure.Invalid, Where = [.. e.Errors.Select(x => x.Where)], Problems = [.. e.Errors.Select(x => x.Problem)],
        },
        IngestConflictException e => new WearerIngestReply { Failure = WearerIngestFailure.Conflict, Where = [e.Where], Problems = [e.Problem] },
        _ => null,
    };

    /// <summary>The <see cref="IngestResult"/>, or the failure thrown as the exception the single-node ingestor would throw.</summary>
    public IngestResult ResultOrThrow() => Failure switch
    {
        WearerIngestFailure.None => new IngestResult(BundleId, Stored ? IngestStatus.Stored : IngestStatus.AlreadyStored, ObservationsStored, AlertsRaised, ContentSha256)
        {
            Promise = Promise?.ToPromise(),
        },
        WearerIngestFailure.Rejected => throw new BundleRejectedException(Rejection, Problems.FirstOrDefault() ?? "rejected"),
        WearerIngestFailure.Conflict => throw new IngestConflictException(Where.FirstOrDefault() ?? "$", Problems.FirstOrDefault() ?? "conflict"),
        _ => throw new InvalidInputException([.. Where.Zip(Problems, (w, p) => new InputError(w, p))]),
    };

    /// <summary>The rejection's words without the "bundle rejected (Reason): " its constructor adds, so it is not added twice.</summary>
    private static string StripPrefix(BundleRejectedException e)
    {
        string prefix = $"bundle rejected ({e.Reason}): ";
        return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
    }
}

/// <summary>A <see cref="Ledger.LedgerPromise"/> on the wire between silos (the same fields). Immutable.</summary>
[GenerateSerializer, Immutable]
public sealed class WirePromise
{
    /// <summary>SHA-256 of the entry's promised form, hex.</summary>
    [Id(0)] public string EntrySha256 { get; init; } = "";

    /// <summary>When the act committed.</summary>
    [Id(1)] public DateTimeOffset Timestamp { get; init; }

    /// <summary>The deadline for inclusion.</summary>
    [Id(2)] public DateTimeOffset PromisedBy { get; init; }

    /// <summary>The maximum merge delay, milliseconds.</summary>
    [Id(3)] public long MaximumMergeDelayMs { get; init; }

    /// <summary>The log key that signed it.</summary>
    [Id(4)] public string KeyId { get; init; } = "";

    /// <summary>The hybrid signature, base64.</summary>
    [Id(5)] public string Signature { get; init; } = "";

    /// <summary>The wire form of <paramref name="promise"/>, or null for none.</summary>
    public static WirePromise? From(Ledger.LedgerPromise? promise) => promise is null ? null : new WirePromise
    {
        EntrySha256 = promise.EntrySha256, Timestamp = promise.Timestamp, PromisedBy = promise.PromisedBy,
        MaximumMergeDelayMs = promise.MaximumMergeDelayMs, KeyId = promise.KeyId, Signature = promise.Signature,
    };

    /// <summary>Back to the API's form.</summary>
    public Ledger.LedgerPromise ToPromise() => new(EntrySha256, Timestamp, PromisedBy, MaximumMergeDelayMs, KeyId, Signature);
}
