namespace Care.Hermes.Storage;

/// <summary>One line of the wearer list: the pseudonymous id and when Hermes last heard of the wearer.</summary>
/// <param name="WearerId">The wearer's pseudonymous id.</param>
/// <param name="LastObservation">Time of the newest stored observation, or null when none is stored.</param>
/// <param name="ActivePatches">Patches bound to the wearer and not retired.</param>
public sealed record WearerSummary(string WearerId, DateTimeOffset? LastObservation, int ActivePatches);
