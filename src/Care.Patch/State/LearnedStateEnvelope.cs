using Care.Core.Ids;

namespace Care.Patch.State;

/// <summary>
/// The clear, signed part of a <see cref="LearnedStateBlob"/>: enough for a kiosk or Hermes to
/// check who it belongs to, who made it and how new it is, and to store it opaquely (the state itself
/// stays encrypted for <see cref="RecipientKeyId"/>).
/// </summary>
/// <param name="Version">The format version (1).</param>
/// <param name="Wearer">Whose state it is.</param>
/// <param name="FromPatch">The patch that made and signed it.</param>
/// <param name="RecipientKeyId">The KEM key id (lower-case hex SHA-256) of the patch it is encrypted for.</param>
/// <param name="Sequence">Increases by one at every transfer of this wearer's state; a patch refuses anything not newer than what it has.</param>
/// <param name="TakenAt">When the old patch took the state (its clock).</param>
public readonly record struct LearnedStateEnvelope(
    int Version, WearerId Wearer, PatchId FromPatch, string RecipientKeyId, long Sequence, DateTimeOffset TakenAt);
