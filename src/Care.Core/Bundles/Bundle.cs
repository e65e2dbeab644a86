using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Core.Bundles;

/// <summary>
/// A patch's upload: everything in its outbox at the moment of an exchange. Observations are in
/// time order and unique per (sign, time). Immutable; thread safe.
/// </summary>
/// <param name="BundleId">Chosen by the patch; re-sending the same id is a no-op at Hermes.</param>
/// <param name="PatchId">The patch that recorded the data.</param>
/// <param name="WearerId">The wearer the data belongs to.</param>
/// <param name="CreatedAt">When the patch sealed the bundle (UTC).</param>
/// <param name="Observations">The measurements, in non-decreasing time order.</param>
/// <remarks>Insulin doses ride in <see cref="Doses"/> (empty for a patch without an insulin pump).</remarks>
public sealed record Bundle(
    Guid BundleId,
    PatchId PatchId,
    WearerId WearerId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Observation> Observations)
{
    /// <summary>The wire format version this type reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Insulin deliveries, in strictly increasing time order; empty when the patch gives no insulin.</summary>
    public IReadOnlyList<DoseDelivery> Doses { get; init; } = [];

    /// <summary>Rhythm and other events, in non-decreasing start order, unique per (kind, start); empty when none.</summary>
    public IReadOnlyList<PatchEvent> Events { get; init; } = [];
}
