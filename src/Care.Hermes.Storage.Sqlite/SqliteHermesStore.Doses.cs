using Care.Core.Doses;
using Care.Core.Ids;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>Reads of the <c>doses</c> table (migration 0004).</summary>
public sealed partial class SqliteHermesStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<DoseDelivery>> QueryDosesAsync(DoseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.time_ms, d.basal_units_per_hour, d.duration_ms, d.bolus_units, d.reason
            FROM doses d JOIN wearers w ON w.id = d.wearer
            WHERE w.code = $w AND d.time_ms >= $from AND d.time_ms < $to
            ORDER BY d.time_ms LIMIT $limit
            """;
        command.Parameters.AddWithValue("$w", query.Wearer.Value);
        command.Parameters.AddWithValue("$from", query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$to", query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", query.Limit);
        var result = new List<DoseDelivery>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new DoseDelivery(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.GetDouble(1),
                TimeSpan.FromMilliseconds(reader.GetInt64(2)),
                reader.GetDouble(3),
                (DoseDeliveryReason)reader.GetInt32(4)));
        }
        return Task.FromResult<IReadOnlyList<DoseDelivery>>(result);
    }

    /// <inheritdoc/>
    public Task<long> CountDosesAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default) =>
        Task.FromResult(CountPerWearer("doses", wearers, cancellationToken));
}
