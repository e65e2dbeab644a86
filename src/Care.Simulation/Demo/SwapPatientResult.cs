namespace Care.Simulation.Demo;

/// <summary>One virtual patient lived the same days (same seed) three ways: on one patch, with a new patch every day that receives the learned state, and with a new patch every day that starts as a stranger.</summary>
/// <param name="Patient">The cohort patient (e.g. adult#009).</param>
/// <param name="OnePatch">The loop never replaced.</param>
/// <param name="Transfer">A new patch every day, starting from the transferred state.</param>
/// <param name="Stranger">A new patch every day, starting from the questionnaire only.</param>
/// <param name="Transfers">Learned-state blobs moved.</param>
/// <param name="BlobBytes">Their total size in bytes.</param>
public sealed record SwapPatientResult(string Patient, SwapModeOutcome OnePatch, SwapModeOutcome Transfer, SwapModeOutcome Stranger, int Transfers, long BlobBytes)
{
    /// <summary>True when the transfer's outcome equals the one-patch outcome exactly (minute counts, lowest glucose, the sum of true glucose and the insulin that reached the body, bit for bit).</summary>
    public bool TransferIdentical => Transfer == OnePatch;
}
