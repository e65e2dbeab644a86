using System.Globalization;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>
/// The monthly range partitions of <c>observations</c> (UTC calendar months of <c>time_ms</c>, named
/// <c>observations_yYYYYmMM</c>): which exist, and the DDL creating a missing one. A partition is
/// created inside the write transaction that first needs it (so a rolled-back ingest leaves none
/// behind) and becomes known here only once that transaction commits. Thread safe.
/// </summary>
internal sealed class ObservationPartitions
{
    private readonly HashSet<long> _known;
    private readonly Lock _gate = new();

    private ObservationPartitions(HashSet<long> known) => _known = known;

    /// <summary>Reads the partitions that exist.</summary>
    public static ObservationPartitions Load(NpgsqlDataSource data)
    {
        using var command = data.CreateCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'observations'::regclass
            """);
        var known = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string name = reader.GetString(0);
            if (name.Length == "observations_y0000m00".Length && name.StartsWith("observations_y", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(14, 4), CultureInfo.InvariantCulture, out int year) && int.TryParse(name.AsSpan(19, 2), CultureInfo.InvariantCulture, out int month))
            {
                known.Add(new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
            }
        }
        return new ObservationPartitions(known);
    }

    /// <summary>The start (Unix ms) of every month from <paramref name="firstMs"/> to <paramref name="lastMs"/> that has no known partition.</summary>
    public List<long> Missing(long firstMs, long lastMs)
    {
        var missing = new List<long>();
        var month = MonthStart(firstMs);
        lock (_gate)
        {
            for (; month.ToUnixTimeMilliseconds() <= lastMs; month = month.AddMonths(1))
            {
                if (!_known.Contains(month.ToUnixTimeMilliseconds()))
                {
                    missing.Add(month.ToUnixTimeMilliseconds());
                }
            }
        }
        return missing;
    }

    /// <summary>Creates (if absent) the partition of the month starting at <paramref name="monthStartMs"/> in the caller's transaction.</summary>
    public static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long monthStartMs)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(monthStartMs);
        long end = start.AddMonths(1).ToUnixTimeMilliseconds();
        string name = string.Create(CultureInfo.InvariantCulture, $"observations_y{start.Year:D4}m{start.Month:D2}");
        await using var command = new NpgsqlCommand(
            string.Create(CultureInfo.InvariantCulture, $"CREATE TABLE IF NOT EXISTS {name} PARTITION OF observations FOR VALUES FROM ({monthStartMs}) TO ({end})"),
            connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Records partitions whose creating transaction committed.</summary>
    public void Committed(IEnumerable<long> monthStarts)
    {
        lock (_gate)
        {
            _known.UnionWith(monthStarts);
        }
    }

    private static DateTimeOffset MonthStart(long ms)
    {
        var t = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
