namespace Care.Molecular.Mapping;

/// <summary>Reads that do not belong to the order and share 15-mers with each other (one unknown construct, or a junction).</summary>
/// <param name="Reads">Reads in the cluster.</param>
/// <param name="FirstReadId">One read of it, for a reviewer.</param>
/// <param name="PartlyMapped">Reads of it that align to the order in part (a junction: something inserted into or fused to the order).</param>
public sealed record ForeignCluster(int Reads, string FirstReadId, int PartlyMapped);
