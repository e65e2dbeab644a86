using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Core.Errors;
using Care.Trust.Identity;

namespace Care.Trust.Ledger;

/// <summary>
/// A self-contained, offline-checkable proof that an entry is in the log: the entry's canonical
/// bytes, its leaf hash, a signed tree head and the RFC 9162 audit path. <see cref="Check"/> needs
/// only the log's public key. Immutable.
/// </summary>
/// <param name="Index">The entry's 0-based position.</param>
/// <param name="Data">The entry's canonical bytes.</param>
/// <param name="LeafHash">SHA-256(0x00 || Data).</param>
/// <param name="TreeHead">The signed tree head the proof leads to.</param>
/// <param name="Proof">The audit path, leaf side first.</param>
public sealed record InclusionProofDocument(long Index, byte[] Data, byte[] LeafHash, SignedTreeHead TreeHead, IReadOnlyList<byte[]> Proof)
{
    /// <summary>
    /// Checks everything: the leaf hash is the hash of the data, the data states this index, the
    /// tree head is signed by <paramref name="logKey"/>, and the audit path leads to its root.
    /// </summary>
    public ProofCheck Check(HybridVerificationKey logKey)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        if (!MerkleHash.Leaf(Data).AsSpan().SequenceEqual(LeafHash))
        {
            return ProofCheck.Invalid("leaf hash is not the hash of the entry data");
        }
        if (EntryIndexOf(Data) != Index)
        {
            return ProofCheck.Invalid($"entry data does not state index {Index}");
        }
        if (TreeHead.KeyId != logKey.KeyId)
        {
            return ProofCheck.Invalid($"tree head was signed by key {TreeHead.KeyId}, not the given log key {logKey.KeyId}");
        }
        if (!TreeHead.Verify(logKey))
        {
            return ProofCheck.Invalid("tree head signature does not verify");
        }
        var inclusion = MerkleVerifier.VerifyInclusion((ulong)Index, (ulong)TreeHead.TreeSize, LeafHash, Proof, TreeHead.RootHash);
        return inclusion.IsValid ? inclusion : ProofCheck.Invalid("inclusion proof: " + inclusion.Failure);
    }

    /// <summary>The document as indented JSON (hashes hex, data also shown as text, signature base64).</summary>
    public string ToJson()
    {
        var json = new JsonObject
        {
            ["format"] = "care-ledger-inclusion-proof-v1",
            ["index"] = Index,
            ["entry"] = JsonNode.Parse(Data),
            ["data"] = Convert.ToBase64String(Data),
            ["leafHash"] = Convert.ToHexStringLower(LeafHash),
            ["treeHead"] = new JsonObject
            {
                ["treeSize"] = TreeHead.TreeSize,
                ["rootHash"] = Convert.ToHexStringLower(TreeHead.RootHash),
                ["timestamp"] = TreeHead.Timestamp.ToUnixTimeMilliseconds(),
                ["keyId"] = TreeHead.KeyId,
                ["signature"] = Convert.ToBase64String(TreeHead.Signature),
            },
            ["proof"] = new JsonArray([.. Proof.Select(p => (JsonNode)Convert.ToHexStringLower(p))]),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Reads a document written by <see cref="ToJson"/>. Throws <see cref="InvalidInputException"/>
    /// naming <paramref name="source"/> and the JSON field when it is malformed.
    /// </summary>
    public static InclusionProofDocument Parse(string json, string source)
    {
        string field = "$";
        try
        {
            var root = JsonNode.Parse(json) ?? throw new FormatException("empty document");
            string Text(JsonNode node, string name)
            {
                field = name;
                return node[name.Split('.')[^1]]?.GetValue<string>() ?? throw new FormatException("missing");
            }
            long Number(JsonNode node, string name)
            {
                field = name;
                return node[name.Split('.')[^1]]?.GetValue<long>() ?? throw new FormatException("missing");
            }
            if (Text(root, "format") != "care-ledger-inclusion-proof-v1")
            {
                throw new FormatException("unknown format");
            }
            var head = root["treeHead"] ?? throw new FormatException("missing treeHead");
            var treeHead = new SignedTreeHead(
                Number(head, "treeHead.treeSize"),
                Convert.FromHexString(Text(head, "treeHead.rootHash")),
                DateTimeOffset.FromUnixTimeMilliseconds(Number(head, "treeHead.timestamp")),
                Text(head, "treeHead.keyId"),
                Convert.FromBase64String(Text(head, "treeHead.signature")));
            field = "proof";
            var proof = (root["proof"]?.AsArray() ?? throw new FormatException("missing")).Select(p => Convert.FromHexString(p!.GetValue<string>())).ToList();
            return new InclusionProofDocument(Number(root, "index"), Convert.FromBase64String(Text(root, "data")), Convert.FromHexString(Text(root, "leafHash")), treeHead, proof);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidInputException($"{source} at {field}", $"not a ledger inclusion proof: {e.Message}");
        }
    }

    /// <summary>The <c>index</c> field of canonical entry bytes, or -1 when absent or unreadable.</summary>
    internal static long EntryIndexOf(byte[] data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.TryGetProperty("index", out var index) && index.TryGetInt64(out var value) ? value : -1;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    /// <summary>The entry's canonical JSON as text.</summary>
    public string EntryText => Encoding.UTF8.GetString(Data);
}
