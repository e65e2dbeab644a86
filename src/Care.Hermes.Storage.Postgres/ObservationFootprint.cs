namespace Care.Hermes.Storage.Postgres;

/// <summary>Disk used by observations: table bytes (heap, TOAST, maps), index bytes, rows, and the number of time partitions.</summary>
public sealed record ObservationFootprint(long TableBytes, long IndexBytes, long Rows, int Partitions)
{
    /// <summary>(table + index bytes) / rows; 0 when empty.</summary>
    public double BytesPerRow => Rows == 0 ? 0 : (double)(TableBytes + IndexBytes) / Rows;
}
