using System.Text.Json;
using Care.Core.Bundles;
using Care.Hermes.Storage;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Ledger;

/// <summary>
/// Checks the stored record against the ledger: every stored bundle, rebuilt from its rows, must
/// hash (<see cref="BundleContent.Sha256"/>) to the content its <c>BundleAccepted</c> entry
/// accepted; every accepted bundle must still be stored; nothing may be stored that the ledger never
/// accepted. So an edited observation, dose or event, a deleted or added row, or a row moved to another
/// wearer is named with its bundle, wearer and ledger entry. Run it after <see cref="LedgerVerifier"/>:
/// it trusts the entries' content, not their place in the log. Reads only.
/// </summary>
public static class ContentAudit
{
    /// <summary>Most problems listed; the count covers them all.</summary>
    public const int MaxListed = 20;

    /// <summary>Audits <paramref name="content"/> against the <c>BundleAccepted</c> entries <paramref name="ledger"/> returns.</summary>
    public static async Task<ContentAuditResult> RunAsync(ILedgerReader ledger, IStoredContentReader content, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(content);
        var accepted = new Dictionary<string, (long Index, string Sha256)>(StringComparer.Ordinal);
        await foreach (var record in ledger.ReadEntriesAsync(cancellationToken))
        {
            if (record.Kind == nameof(BundleAccepted) && Accepted(record.Data) is { } entry)
            {
                accepted[entry.BundleId] = (record.Index, entry.Sha256);
            }
        }
        var problems = new List<string>();
        long total = 0, checkedBundles = 0;
        void Report(string problem)
        {
            total++;
            if (problems.Count < MaxListed)
            {
                problems.Add(problem);
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var stored in content.ReadBundlesAsync(cancellationToken))
        {
            var bundle = stored.Bundle;
            string id = bundle.BundleId.ToString();
            seen.Add(id);
            checkedBundles++;
            progress?.Report(checkedBundles);
            string where = $"bundle {id} of wearer {bundle.WearerId} from patch {bundle.PatchId}";
            if (stored.Problem is { } problem)
            {
                Report($"{where}: {problem}");
            }
            if (!accepted.TryGetValue(id, out var entry))
            {
                Report($"{where} is stored but no BundleAccepted entry accepted it (added outside ingest)");
                continue;
            }
            string hash = Convert.ToHexStringLower(BundleContent.Sha256(bundle));
            if (hash != entry.Sha256)
            {
                Report($"{where}: its stored rows ({bundle.Observations.Count} observations, {bundle.Doses.Count} doses, {bundle.Events.Count} events) " +
                    $"no longer hash to the content ledger entry {entry.Index} accepted ({entry.Sha256[..16]}…, now {hash[..16]}…): an observation, dose or event was edited, added or deleted");
            }
        }
        foreach (var (id, entry) in accepted)
        {
            if (!seen.Contains(id))
            {
                Report($"bundle {id} accepted in ledger entry {entry.Index} is no longer stored (deleted)");
            }
        }
        return new ContentAuditResult(total == 0, checkedBundles, accepted.Count, total, problems);
    }

    private static (string BundleId, string Sha256)? Accepted(byte[] data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        return root.TryGetProperty("bundleId", out var id) && root.TryGetProperty("contentSha256", out var sha)
            ? (id.GetString()!, sha.GetString()!)
            : null;
    }
}

/// <summary>The result of <see cref="ContentAudit.RunAsync"/>.</summary>
/// <param name="IsValid">True when every stored bundle matches its entry and every accepted bundle is stored.</param>
/// <param name="BundlesChecked">Stored bundles rebuilt and hashed.</param>
/// <param name="BundlesAccepted">BundleAccepted entries in the ledger.</param>
/// <param name="ProblemCount">Problems found in all.</param>
/// <param name="Problems">The first <see cref="ContentAudit.MaxListed"/>, each naming the bundle, wearer and ledger entry.</param>
public sealed record ContentAuditResult(bool IsValid, long BundlesChecked, long BundlesAccepted, long ProblemCount, IReadOnlyList<string> Problems);
