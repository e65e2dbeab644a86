using Care.Core.Events;
using Care.Core.Ids;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>Reads of the <c>events</c> table (migration 0005).</summary>
public sealed partial class SqliteHermesStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<PatchEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.kind, e.start_ms, e.end_ms, e.value, e.detail
            FROM events e JOIN wearers w ON w.id = e.wearer
            WHERE w.code = $w AND e.start_ms >= $from AND e.start_ms < $to AND ($k IS NULL OR e.kind = $k)
            ORDER BY e.start_ms, e.kind LIMIT $limit
            """;
        command.Parameters.AddWithValue("$w", query.Wearer.Value);
        command.Parameters.AddWithValue("$k", query.Kind is PatchEventKind k ? (int)k : DBNull.Value);
        command.Parameters.AddWithValue("$from", query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$to", query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", query.Limit);
        var result = new List<PatchEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new PatchEvent(
                (PatchEventKind)reader.GetInt32(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return Task.FromResult<IReadOnlyList<PatchEvent>>(result);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<PatchEventKind, long>> CountEventsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wearers);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT e.kind, COUNT(*) FROM events e JOIN wearers w ON w.id = e.wearer WHERE w.code = $w GROUP BY e.kind";
        var parameter = command.Parameters.Add("$w", SqliteType.Text);
        var total = new Dictionary<PatchEventKind, long>();
        foreach (var wearer in wearers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parameter.Value = wearer.Value;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var kind = (PatchEventKind)reader.GetInt32(0);
                total[kind] = total.GetValueOrDefault(kind) + reader.GetInt64(1);
            }
        }
        return Task.FromResult<IReadOnlyDictionary<PatchEventKind, long>>(total);
    }
}
