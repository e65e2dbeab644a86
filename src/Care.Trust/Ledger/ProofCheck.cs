namespace Care.Trust.Ledger;

/// <summary>The outcome of checking a Merkle proof: valid, or the reason it was rejected.</summary>
/// <param name="IsValid">True when the proof checks.</param>
/// <param name="Failure">Why it was rejected (null when valid), naming the field or rule.</param>
public readonly record struct ProofCheck(bool IsValid, string? Failure)
{
    /// <summary>A valid result.</summary>
    public static ProofCheck Valid => new(true, null);

    /// <summary>A rejection with its reason.</summary>
    public static ProofCheck Invalid(string failure) => new(false, failure);
}
