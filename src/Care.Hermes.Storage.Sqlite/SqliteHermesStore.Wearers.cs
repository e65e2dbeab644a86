using System.Globalization;
using Care.Core.Ids;

namespace Care.Hermes.Storage.Sqlite;

public sealed partial class SqliteHermesStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<WearerSummary>> ListWearersAsync(string? after, int limit, IReadOnlyCollection<WearerId>? only, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (after is not null)
        {
            where.Add("w.code > $after");
            command.Parameters.AddWithValue("$after", after);
        }
        if (only is not null)
        {
            if (only.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<WearerSummary>>([]);
            }
            var names = only.Select((w, i) => (Name: "$w" + i.ToString(CultureInfo.InvariantCulture), w.Value)).ToList();
            where.Add($"w.code IN ({string.Join(", ", names.Select(n => n.Name))})");
            foreach (var (name, value) in names)
            {
                command.Parameters.AddWithValue(name, value);
            }
        }
        command.CommandText = $"""
            SELECT w.code, w.last_observation_ms,
                   (SELECT COUNT(*) FROM devices d WHERE d.wearer = w.code AND d.retired_ms IS NULL)
            FROM wearers w {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY w.code LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
        var list = new List<WearerSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new WearerSummary(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetInt32(2)));
        }
        return Task.FromResult<IReadOnlyList<WearerSummary>>(list);
    }
}
