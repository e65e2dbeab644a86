using Care.Trust.Identity;

namespace Care.Lab.Attestation;

/// <summary>A lab instrument known to the lab service.</summary>
/// <param name="InstrumentId">Its id.</param>
/// <param name="Kind"><c>synthesiser</c>, <c>sequencer</c>, <c>assay-reader</c> or <c>filler</c> (matches <c>FirmwareReleased.InstrumentKind</c>).</param>
/// <param name="Algorithm">Its identity's signature algorithm; only <see cref="HybridAlgorithms.Signature"/> is accepted.</param>
/// <param name="Key">Its public key.</param>
public sealed record InstrumentRegistration(string InstrumentId, string Kind, string Algorithm, HybridVerificationKey Key);
