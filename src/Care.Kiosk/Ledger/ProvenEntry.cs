using Care.Core.Errors;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Kiosk.Ledger;

/// <summary>Reads the entry an inclusion proof proves, after checking the proof against the ledger key the kiosk trusts.</summary>
public static class ProvenEntry
{
    /// <summary>The proven entry as <typeparamref name="T"/>, or null with the reason it cannot be trusted.</summary>
    public static T? Read<T>(InclusionProofDocument proof, HybridVerificationKey ledgerKey, out string? failure)
        where T : LedgerEntry
    {
        ArgumentNullException.ThrowIfNull(proof);
        var check = proof.Check(ledgerKey);
        if (!check.IsValid)
        {
            failure = $"the ledger proof does not verify: {check.Failure}";
            return null;
        }
        LedgerEntry entry;
        try
        {
            entry = LedgerEntryReader.Read(proof.Data).Entry;
        }
        catch (InvalidInputException e)
        {
            failure = $"the proven ledger entry cannot be read: {e.Message}";
            return null;
        }
        if (entry is not T typed)
        {
            failure = $"ledger entry {proof.Index} is a {entry.Kind}, not a {typeof(T).Name}";
            return null;
        }
        failure = null;
        return typed;
    }
}
