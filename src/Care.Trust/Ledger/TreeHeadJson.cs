using System.Text.Json.Nodes;
using Care.Core.Errors;

namespace Care.Trust.Ledger;

/// <summary>
/// The JSON form of a signed tree head, the same wherever one travels (an inclusion proof, Hermes's
/// <c>/v1/ledger/head</c>, a witness's state and its fork evidence): <c>treeSize</c>, <c>rootHash</c>
/// (hex), <c>timestamp</c> (Unix milliseconds), <c>keyId</c>, <c>signature</c> (base64). Stateless.
/// </summary>
public static class TreeHeadJson
{
    /// <summary>The head as a JSON object.</summary>
    public static JsonObject Write(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return new JsonObject
        {
            ["treeSize"] = head.TreeSize,
            ["rootHash"] = Convert.ToHexStringLower(head.RootHash),
            ["timestamp"] = head.Timestamp.ToUnixTimeMilliseconds(),
            ["keyId"] = head.KeyId,
            ["signature"] = Convert.ToBase64String(head.Signature),
        };
    }

    /// <summary>
    /// Reads a head written by <see cref="Write"/>. Throws <see cref="InvalidInputException"/> naming
    /// <paramref name="source"/> and the field when it is missing or malformed. The signature is not
    /// checked here: call <see cref="SignedTreeHead.Verify"/>.
    /// </summary>
    public static SignedTreeHead Read(JsonNode? node, string source)
    {
        string field = "treeSize";
        try
        {
            var head = node as JsonObject ?? throw new FormatException("not a JSON object");
            JsonNode Get(string name)
            {
                field = name;
                return head[name] ?? throw new FormatException("missing");
            }
            long size = Get("treeSize").GetValue<long>();
            byte[] root = Convert.FromHexString(Get("rootHash").GetValue<string>());
            var time = DateTimeOffset.FromUnixTimeMilliseconds(Get("timestamp").GetValue<long>());
            string keyId = Get("keyId").GetValue<string>();
            byte[] signature = Convert.FromBase64String(Get("signature").GetValue<string>());
            field = "rootHash";
            if (size < 0 || root.Length != MerkleHash.Size)
            {
                throw new FormatException(size < 0 ? "negative tree size" : $"a root is {MerkleHash.Size} bytes, got {root.Length}");
            }
            return new SignedTreeHead(size, root, time, keyId, signature);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentOutOfRangeException or System.Text.Json.JsonException)
        {
            throw new InvalidInputException($"{source} at {field}", $"not a signed tree head: {e.Message}");
        }
    }
}
