using System.Text.Json;
using Care.Core.Ids;
using Care.Trust.Identity;
using Care.Trust.Ledger;

namespace Care.Kiosk.Exchange.Journal;

/// <summary>An <see cref="ExchangeRequest"/> as the JSON the journal keeps (keys and files in base64, proofs as their documents).</summary>
internal static class ExchangeRequestJson
{
    public static string Write(ExchangeRequest r) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["exchangeId"] = r.ExchangeId.ToString("D"),
        ["wearer"] = r.Wearer.Value,
        ["oldPatch"] = r.OldPatch.Value,
        ["oldPatchKey"] = Convert.ToBase64String(r.OldPatchKey.Export()),
        ["newPatch"] = r.NewPatch.Value,
        ["cartridgeId"] = r.CartridgeId,
        ["plan"] = r.Plan.ToJson(),
        ["modelName"] = r.ModelName,
        ["modelFile"] = Convert.ToBase64String(r.ModelFile),
        ["modelRelease"] = r.ModelRelease.ToJson(),
    });

    /// <exception cref="InvalidDataException">The stored text is not a request this code wrote; the message names the field.</exception>
    public static ExchangeRequest Read(string json, string where)
    {
        Dictionary<string, string>? d;
        try
        {
            d = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: the stored exchange request is not JSON ({e.Message})", e);
        }
        string F(string name) => d is not null && d.TryGetValue(name, out var v) ? v
            : throw new InvalidDataException($"{where}: the stored exchange request has no '{name}'");
        try
        {
            return new ExchangeRequest(
                Guid.Parse(F("exchangeId")),
                WearerId.Parse(F("wearer")),
                PatchId.Parse(F("oldPatch")),
                HybridVerificationKey.Import(Convert.FromBase64String(F("oldPatchKey"))),
                PatchId.Parse(F("newPatch")),
                F("cartridgeId"),
                InclusionProofDocument.Parse(F("plan"), $"{where}: plan"),
                F("modelName"),
                Convert.FromBase64String(F("modelFile")),
                InclusionProofDocument.Parse(F("modelRelease"), $"{where}: modelRelease"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or Core.Errors.InvalidInputException)
        {
            throw new InvalidDataException($"{where}: the stored exchange request is unreadable ({e.Message})", e);
        }
    }
}
