using System.Text.Json.Nodes;
using Care.Core.Errors;
using Care.Trust.Identity;
using Care.Trust.Ledger;

namespace Care.Cli.Ledger;

/// <summary>
/// A witness's memory, one JSON file: the log key it pinned, the newest head it checked, how many
/// checks it made. Written atomically (a temporary file renamed over the old), owner-readable only.
/// </summary>
internal sealed record WitnessState(string? Hermes, HybridVerificationKey? LogKey, SignedTreeHead? Head, long Checks)
{
    private const string Format = "care-witness-state-v1";

    /// <summary>Reads <paramref name="path"/>; a missing file is a fresh state. Throws <see cref="InvalidInputException"/> naming the file and field when it is malformed.</summary>
    public static WitnessState Load(string path)
    {
        if (!File.Exists(path))
        {
            if (Directory.Exists(path))
            {
                throw new InvalidInputException(path, "is a folder; give the witness state's file path");
            }
            return new WitnessState(null, null, null, 0);
        }
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidInputException(path, "not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidInputException(path, $"not a witness state: {e.Message}");
        }
        if (root["format"]?.GetValue<string>() != Format)
        {
            throw new InvalidInputException($"{path} at format", $"not a witness state (expected format '{Format}')");
        }
        HybridVerificationKey? key = null;
        if (root["logKey"] is JsonNode k)
        {
            try
            {
                key = HybridVerificationKey.Import(Convert.FromBase64String(k.GetValue<string>()));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException or InvalidOperationException)
            {
                throw new InvalidInputException($"{path} at logKey", $"not a hybrid public key: {e.Message}");
            }
        }
        var head = root["head"] is JsonNode h ? TreeHeadJson.Read(h, path + " head") : null;
        return new WitnessState(root["hermes"]?.GetValue<string>(), key, head, root["checks"]?.GetValue<long>() ?? 0);
    }

    /// <summary>Writes the state to <paramref name="path"/> atomically.</summary>
    public void Save(string path)
    {
        var json = new JsonObject
        {
            ["format"] = Format,
            ["hermes"] = Hermes,
            ["logKey"] = LogKey is null ? null : Convert.ToBase64String(LogKey.Export()),
            ["logKeyId"] = LogKey?.KeyId,
            ["head"] = Head is null ? null : TreeHeadJson.Write(Head),
            ["checks"] = Checks,
        };
        WriteAtomically(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Writes <paramref name="text"/> beside <paramref name="path"/> and renames it over, owner-only.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Core.Storage.OwnerOnly.CreateFolder(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        Core.Storage.OwnerOnly.CreateFile(temporary);
        File.WriteAllText(temporary, text);
        File.Move(temporary, full, overwrite: true);
    }
}
