using System.Text.Json;
using Care.Core.Errors;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Ledger;

/// <summary>
/// Checks a lab result against an exported lab ledger with only the ledger's public key: the head
/// signature, every entry against the signed root (and each entry's index), and that the job was
/// authorised, started and completed with exactly this result's SHA-256. Stateless, thread safe.
/// </summary>
public static class LabLedgerVerifier
{
    /// <summary>
    /// Verifies; returns the completed-job entry. Throws <see cref="InvalidInputException"/> naming
    /// the problem (bad signature, rewritten entry, unknown job, hash mismatch) and where.
    /// </summary>
    public static LabJobCompleted VerifyResult(string ledgerJson, string source, HybridVerificationKey key, string jobId, ReadOnlySpan<byte> result)
    {
        ArgumentNullException.ThrowIfNull(ledgerJson);
        ArgumentNullException.ThrowIfNull(key);
        string[] entries;
        long size;
        byte[] root;
        byte[] signature;
        try
        {
            using var document = JsonDocument.Parse(ledgerJson);
            var r = document.RootElement;
            entries = [.. r.GetProperty("entries").EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("entry is not text"))];
            size = r.GetProperty("size").GetInt64();
            root = Convert.FromHexString(r.GetProperty("root").GetString() ?? "");
            signature = Convert.FromBase64String(r.GetProperty("signature").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidInputException(source, $"not an exported lab ledger: {e.Message}");
        }
        if (!key.Verify(InMemoryLabLedger.HeadBytes(size, root), signature))
        {
            throw new InvalidInputException($"{source} $.signature", "the ledger head is not signed by this key");
        }
        if (entries.Length != size)
        {
            throw new InvalidInputException($"{source} $.entries", $"{entries.Length} entries for a signed size of {size} (truncated or extended)");
        }
        var tree = new MerkleTree();
        var parsed = new List<LedgerEntry>();
        for (var i = 0; i < entries.Length; i++)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(entries[i]);
            }
            catch (FormatException)
            {
                throw new InvalidInputException($"{source} $.entries[{i}]", "not base64");
            }
            var (entry, index) = LedgerEntryReader.Read(bytes);
            if (index != i)
            {
                throw new InvalidInputException($"{source} $.entries[{i}]", $"entry states index {index}: reordered");
            }
            tree.Append(MerkleHash.Leaf(bytes));
            parsed.Add(entry);
        }
        var computed = size == 0 ? MerkleHash.EmptyRoot() : tree.Root(size);
        if (!computed.AsSpan().SequenceEqual(root))
        {
            throw new InvalidInputException($"{source} $.root", "the entries do not hash to the signed root: an entry was rewritten");
        }
        var authorised = parsed.OfType<LabJobAuthorised>().Any(e => e.JobId == jobId);
        var started = parsed.OfType<LabJobStarted>().Any(e => e.JobId == jobId);
        var completed = parsed.OfType<LabJobCompleted>().LastOrDefault(e => e.JobId == jobId);
        if (!authorised || !started || completed is null)
        {
            throw new InvalidInputException(jobId, $"job is not in the ledger as authorised, started and completed (authorised: {authorised}, started: {started}, completed: {completed is not null})");
        }
        var hash = InMemoryLabLedger.Sha256(result);
        if (hash != completed.ResultSha256)
        {
            throw new InvalidInputException(jobId, $"result SHA-256 {hash} does not match the ledgered {completed.ResultSha256}");
        }
        return completed;
    }
}
