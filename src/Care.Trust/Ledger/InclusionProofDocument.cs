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
            ["treeHead"] = TreeHeadJson.Write(TreeHead),
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
        var field = "$";
        try
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("not a JSON object");
            JsonNode Required(JsonObject parent, string name, string path)
            {
                field = path;
                return parent[name] ?? throw new FormatException("missing");
            }
            string Text(JsonObject parent, string name, string path) => Required(parent, name, path).GetValue<string>();
            long Number(JsonObject parent, string name, string path) => Required(parent, name, path).GetValue<long>();
            if (Text(root, "format", "format") != "care-ledger-inclusion-proof-v1")
            {
                throw new FormatException("unknown format");
            }
            var head = Required(root, "treeHead", "treeHead") as JsonObject ?? throw new FormatException("not an object");
            var treeHead = new SignedTreeHead(
                Number(head, "treeSize", "treeHead.treeSize"),
                Convert.FromHexString(Text(head, "rootHash", "treeHead.rootHash")),
                DateTimeOffset.FromUnixTimeMilliseconds(Number(head, "timestamp", "treeHead.timestamp")),
                Text(head, "keyId", "treeHead.keyId"),
                Convert.FromBase64String(Text(head, "signature", "treeHead.signature")));
            var path = Required(root, "proof", "proof") as JsonArray ?? throw new FormatException("not an array");
            var proof = new List<byte[]>(path.Count);
            for (var i = 0; i < path.Count; i++)
            {
                field = $"proof[{i}]";
                proof.Add(Convert.FromHexString((path[i] ?? throw new FormatException("null")).GetValue<string>()));
            }
            return new InclusionProofDocument(
                Number(root, "index", "index"),
                Convert.FromBase64String(Text(root, "data", "data")),
                Convert.FromHexString(Text(root, "leafHash", "leafHash")),
                treeHead,
                proof);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
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
