using System.Security.Cryptography;
using System.Text;
using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Trust.Bundles;

namespace Care.Hermes.Ingest;

public sealed partial class BundleIngestor
{
    /// <summary>
    /// Ingests data that an authenticated caller imported through an interoperability endpoint (a FHIR
    /// transaction, a Nightscout upload) rather than a patch's sealed bundle. The bundle is checked by
    /// the same reader as a patch's payload (written and read back through the wire format), then
    /// stored, ledgered (<c>BundleAccepted</c> with <paramref name="source"/> as the device id and
    /// sequence 0: imports have no sequence), scored and alerted on exactly as a patch's bundle, all or
    /// nothing. An identical import is recognised and changes nothing. The caller decides who may write
    /// which wearer before calling.
    /// </summary>
    /// <param name="bundle">The imported data; its <see cref="Bundle.BundleId"/> should be derived from its content so a retry is recognised.</param>
    /// <param name="source">Who imported it, e.g. <c>fhir:&lt;token id&gt;</c> (1–200 characters).</param>
    /// <param name="cancellationToken">Cancels waiting for the write session.</param>
    /// <exception cref="InvalidInputException">The data breaks a bundle rule (range, order, future time, …); nothing was stored.</exception>
    /// <exception cref="IngestConflictException">The data contradicts stored data; nothing was stored.</exception>
    public async Task<IngestResult> IngestImportedAsync(Bundle bundle, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(source.Length, 200, nameof(source));
        var now = time.GetUtcNow();
        byte[] payload = BundleWriter.Write(bundle);
        var read = BundleReader.Read(payload, now, limits);
        byte[] hash = BundleContent.Sha256(read);
        byte[] sealedHash = SHA256.HashData(Encoding.UTF8.GetBytes("care-import-v1:" + Convert.ToHexStringLower(hash)));
        if (await store.FindSealedAsync(sealedHash, cancellationToken) is { } retried)
        {
            return AlreadyStored(retried);
        }
        var opened = new OpenedBundle(source, 0, now, payload, Convert.ToHexStringLower(SHA256.HashData(payload)));
        var (result, _) = await StoreAsync(opened, read, hash, sealedHash, null, now, cancellationToken, sequenced: false);
        if (TreeHeads is not null && result!.Status == IngestStatus.Stored)
        {
            await TreeHeads.SignIfDueAsync(cancellationToken);
        }
        return Promised(result!, opened, read, hash, now);
    }
}
