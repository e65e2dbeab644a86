using Care.Core.Ids;
using CareObservation = Care.Core.Observations.Observation;

namespace Care.Hermes.Interop.Fhir;

/// <summary>A parsed and checked FHIR transaction: one wearer's readings, in time order, unique per (sign, time).</summary>
/// <param name="WearerId">The one wearer every entry's subject names.</param>
/// <param name="Observations">The readings in Care's catalogue units.</param>
/// <param name="Entries">How many entries the transaction held (duplicates of one reading count once in <paramref name="Observations"/>).</param>
public sealed record FhirImport(WearerId WearerId, IReadOnlyList<CareObservation> Observations, int Entries);
