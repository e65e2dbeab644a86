using System.Security.Cryptography;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;

namespace Care.Kiosk.Exposure;

/// <summary>
/// Proximity tracing at the kiosk (ADR 0021). With a diagnosed wearer's consent it uploads the patch's
/// keys with the clinician's verification code; it keeps the newest export files from Hermes, each
/// checked against its listed SHA-256 and against EVERY trusted signature (ECDSA P-256 and the hybrid
/// key) before its keys are used; it loads them onto a patch, which matches them itself and returns only
/// its assessment; and it tells an exposed wearer what to do. Public health learns only a count of
/// notifications per region and day, reported once the day is over with a random report id (so a
/// resend adds nothing). Thread safe.
/// </summary>
public sealed class ExposureStation
{
    private readonly IProximityPort _patches;
    private readonly IExposureUplink _hermes;
    private readonly IReadOnlyList<IExportVerifier> _verifiers;
    private readonly RiskWeights _weights;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, DiagnosisKey[]> _exports = [];
    private readonly SortedDictionary<DateOnly, (Guid ReportId, int Count)> _counts = [];

    /// <summary>A station in <paramref name="region"/> that trusts exports signed by all of <paramref name="verifiers"/> (at least one).</summary>
    public ExposureStation(IProximityPort patches, IExposureUplink hermes, IReadOnlyList<IExportVerifier> verifiers, RiskWeights weights, string region, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(patches);
        ArgumentNullException.ThrowIfNull(hermes);
        ArgumentNullException.ThrowIfNull(verifiers);
        ArgumentOutOfRangeException.ThrowIfZero(verifiers.Count, nameof(verifiers));
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentNullException.ThrowIfNull(time);
        (_patches, _hermes, _verifiers, _weights, Region, _time) = (patches, hermes, verifiers, weights, region, time);
    }

    /// <summary>The region the station reports its counts for.</summary>
    public string Region { get; }

    /// <summary>Published keys held now (of the last 14 days).</summary>
    public int KeysHeld
    {
        get
        {
            lock (_gate)
            {
                return _exports.Values.Sum(k => k.Length);
            }
        }
    }

    /// <summary>
    /// Uploads the keys of <paramref name="patch"/> with <paramref name="verificationCode"/>. Without the
    /// wearer's consent nothing is read from the patch (<see cref="InvalidOperationException"/>).
    /// True when Hermes published them now, false when it had them already (a retried upload).
    /// </summary>
    /// <exception cref="Exchange.UplinkRejectedException">Hermes refused (unknown, used or expired code; bad keys): nothing was published.</exception>
    public async Task<bool> UploadKeysAsync(PatchId patch, string verificationCode, bool wearerConsents, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verificationCode);
        if (!wearerConsents)
        {
            throw new InvalidOperationException("the wearer did not consent: nothing is read from the patch and nothing is uploaded");
        }
        var keys = _patches.ReadKeysForUpload(patch, wearerConsents);
        return await _hermes.UploadDiagnosisKeysAsync(verificationCode, keys, cancellationToken);
    }

    /// <summary>
    /// Fetches exports newer than those held, checks each (hash, every signature, content) and keeps its
    /// keys; forgets keys older than 14 days. Returns how many keys were added.
    /// </summary>
    /// <exception cref="ExportRefusedException">An export failed a check; it and later ones are not loaded (the next refresh tries again).</exception>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        long after;
        lock (_gate)
        {
            after = _exports.Count == 0 ? 0 : _exports.Keys.Max();
        }
        var added = 0;
        foreach (var listing in await _hermes.ListExportsAsync(after, cancellationToken))
        {
            var zip = await _hermes.DownloadExportAsync(listing.Id, cancellationToken);
            var keys = Check(listing, zip);
            lock (_gate)
            {
                _exports[listing.Id] = keys;
            }
            added += keys.Length;
        }
        Forget();
        return added;
    }

    /// <summary>
    /// Loads the held keys onto <paramref name="patch"/>, which matches them; counts a notification when
    /// it found a risky exposure and returns what to tell the wearer.
    /// </summary>
    public ExposureAdvice Check(PatchId patch)
    {
        Forget();
        DiagnosisKey[] keys;
        lock (_gate)
        {
            keys = [.. _exports.Values.SelectMany(k => k)];
        }
        var assessment = _patches.LoadDiagnosisKeys(patch, keys, _weights);
        if (!assessment.Notify)
        {
            return new ExposureAdvice(false, assessment.WeightedMinutes, ExposureAdvice.ClearMessage);
        }
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            var (id, count) = _counts.TryGetValue(today, out var c) ? c : (Guid.NewGuid(), 0);
            _counts[today] = (id, count + 1);
        }
        return new ExposureAdvice(true, assessment.WeightedMinutes, ExposureAdvice.ExposedMessage);
    }

    /// <summary>Notifications counted per day and not yet reported (today's included).</summary>
    public IReadOnlyDictionary<DateOnly, int> Unreported()
    {
        lock (_gate)
        {
            return _counts.ToDictionary(c => c.Key, c => c.Value.Count);
        }
    }

    /// <summary>
    /// Reports the counts of every finished day (never today's, so a count cannot be tied to a visit's
    /// time); a day is forgotten once Hermes took it. Returns the days reported.
    /// </summary>
    public async Task<int> ReportAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        List<KeyValuePair<DateOnly, (Guid ReportId, int Count)>> due;
        lock (_gate)
        {
            due = [.. _counts.Where(c => c.Key < today)];
        }
        foreach (var (day, (id, count)) in due)
        {
            await _hermes.ReportNotificationsAsync(id, Region, day, count, cancellationToken);
            lock (_gate)
            {
                _counts.Remove(day);
            }
        }
        return due.Count;
    }

    private DiagnosisKey[] Check(ExportListing listing, byte[] zip)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(zip));
        if (!string.Equals(actual, listing.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ExportRefusedException($"export {listing.Id}: its SHA-256 is {actual}, the index lists {listing.Sha256}");
        }
        SignedExport read;
        try
        {
            read = ExportArchive.Read(zip, $"export {listing.Id}");
        }
        catch (InvalidInputException e)
        {
            throw new ExportRefusedException($"export {listing.Id} is malformed: {e.Message}", e);
        }
        foreach (var verifier in _verifiers)
        {
            if (!read.IsSignedBy(verifier))
            {
                throw new ExportRefusedException($"export {listing.Id} carries no valid signature by {verifier.Info.KeyId}/{verifier.Info.KeyVersion} ({verifier.Info.AlgorithmOid})");
            }
        }
        return [.. read.Export.Keys];
    }

    private void Forget()
    {
        var oldest = EnInterval.KeyPeriodStart(EnInterval.FromTime(_time.GetUtcNow())) - ((Patch.Encounters.EncounterStore.RetentionDays - 1) * EnInterval.TekRollingPeriod);
        lock (_gate)
        {
            foreach (var id in _exports.Where(e => e.Value.Length > 0 && e.Value.All(k => k.EndIntervalExclusive <= oldest)).Select(e => e.Key).ToList())
            {
                _exports[id] = [];
            }
        }
    }
}
