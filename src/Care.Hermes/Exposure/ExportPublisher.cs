using System.Security.Cryptography;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;

namespace Care.Hermes.Exposure;

/// <summary>
/// Batches pending diagnosis keys into signed GAEN export files: every key whose UTC day has ended
/// (GAEN: a key is released only once no identifier derived from it is still broadcast), in key-data
/// order so no file lists one upload's keys together, at most <see cref="ExposureOptions.MaxKeysPerExport"/>
/// per file, each file signed by ECDSA P-256 and by Hermes's hybrid key, stored and ledgered
/// (<c>DiagnosisKeysPublished</c>) in one transaction. Runs hourly (<see cref="ExportPublisherService"/>)
/// and on demand. Thread safe: one publication at a time.
/// </summary>
public sealed class ExportPublisher(IExposureStore store, IReadOnlyList<IExportSigner> signers, ExposureOptions options, TimeProvider time)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Publishes every releasable pending key now; returns the exports written (none when no key was due).</summary>
    public async Task<IReadOnlyList<ExportSummary>> PublishAsync(CancellationToken cancellationToken = default)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var published = new List<ExportSummary>();
            while (true)
            {
                var pending = await store.PendingDiagnosisKeysAsync(EnInterval.FromTime(now), options.MaxKeysPerExport, cancellationToken);
                if (pending.Count == 0)
                {
                    return published;
                }
                var start = pending.Min(p => p.ReceivedHour).ToUnixTimeSeconds();
                var end = Math.Max(start, now.ToUnixTimeSeconds());
                var export = new KeyExport((ulong)start, (ulong)end, options.Region, 1, 1, [], [.. pending.Select(p => p.Key)], []);
                var zip = ExportArchive.Write(export, signers);
                published.Add(await store.StoreExportAsync(new ExportDraft(options.Region, start, end, zip, [.. pending.Select(p => p.Key.KeyData)], now), cancellationToken));
                if (pending.Count < options.MaxKeysPerExport)
                {
                    return published;
                }
            }
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>SHA-256 of an export zip, lower-case hex (as its ledger entry names it).</summary>
    public static string Sha256(ReadOnlySpan<byte> zip) => Convert.ToHexStringLower(SHA256.HashData(zip));
}
