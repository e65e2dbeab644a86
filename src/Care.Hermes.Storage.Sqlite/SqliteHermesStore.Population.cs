using System.Globalization;
using Care.Core.Ids;
using Care.Hermes.Population;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>The population view: per-region daily counts and outbreak signals (aggregates only), signals ledgered.</summary>
public sealed partial class SqliteHermesStore : IPopulationStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<WearerRegion>> WearerRegionsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.wearer, d.kiosk FROM devices d
            WHERE d.wearer IS NOT NULL AND d.retired_ms IS NULL AND d.revoked_ms IS NULL
            ORDER BY d.wearer, d.registered_ms DESC, d.id
            """;
        var result = new List<WearerRegion>();
        using var reader = command.ExecuteReader();
        string? last = null;
        while (reader.Read())
        {
            var wearer = reader.GetString(0);
            if (wearer == last)
            {
                continue; // the newest active patch of this wearer came first
            }
            last = wearer;
            result.Add(new WearerRegion(WearerId.Parse(wearer), PopulationRegions.Of(reader.IsDBNull(1) ? null : reader.GetString(1))));
        }
        return Task.FromResult<IReadOnlyList<WearerRegion>>(result);
    }

    /// <inheritdoc/>
    public async Task SaveDailyCountsAsync(IReadOnlyList<RegionalDayCounts> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        await InTransactionAsync(transaction =>
        {
            using var upsert = Command(transaction, """
                INSERT INTO population_counts (region, day, wearers, fever, raised_resting_hr, new_af_episodes, exposure_notifications)
                VALUES ($r, $d, $w, $f, $h, $a, $e)
                ON CONFLICT (region, day) DO UPDATE SET wearers = excluded.wearers, fever = excluded.fever,
                    raised_resting_hr = excluded.raised_resting_hr, new_af_episodes = excluded.new_af_episodes,
                    exposure_notifications = excluded.exposure_notifications
                """);
            foreach (var c in counts)
            {
                upsert.Parameters.Clear();
                upsert.Parameters.AddWithValue("$r", c.Region);
                upsert.Parameters.AddWithValue("$d", c.Day.DayNumber);
                upsert.Parameters.AddWithValue("$w", c.Wearers);
                upsert.Parameters.AddWithValue("$f", c.Fever);
                upsert.Parameters.AddWithValue("$h", c.RaisedRestingHeartRate);
                upsert.Parameters.AddWithValue("$a", c.NewAfEpisodes);
                upsert.Parameters.AddWithValue("$e", c.ExposureNotifications);
                upsert.ExecuteNonQuery();
            }
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RegionalDayCounts>> GetDailyCountsAsync(DateOnly from, DateOnly to, string? region, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT region, day, wearers, fever, raised_resting_hr, new_af_episodes, exposure_notifications FROM population_counts
            WHERE day BETWEEN $from AND $to AND ($region IS NULL OR region = $region) ORDER BY day, region
            """;
        command.Parameters.AddWithValue("$from", from.DayNumber);
        command.Parameters.AddWithValue("$to", to.DayNumber);
        command.Parameters.AddWithValue("$region", (object?)region ?? DBNull.Value);
        var result = new List<RegionalDayCounts>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new RegionalDayCounts(reader.GetString(0), DateOnly.FromDayNumber(reader.GetInt32(1)), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        }
        return Task.FromResult<IReadOnlyList<RegionalDayCounts>>(result);
    }

    /// <inheritdoc/>
    public Task<OutbreakSignal> RaiseSignalAsync(OutbreakSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        PopulationRegions.Check(signal);
        return InTransactionAsync(transaction =>
        {
            using (var find = Command(transaction, SignalColumns + " WHERE region = $r AND day = $d AND measure = $m"))
            {
                find.Parameters.AddWithValue("$r", signal.Region);
                find.Parameters.AddWithValue("$d", signal.Day.DayNumber);
                find.Parameters.AddWithValue("$m", (int)signal.Measure);
                using var reader = find.ExecuteReader();
                if (reader.Read())
                {
                    return ReadSignal(reader);
                }
            }
            long id;
            using (var insert = Command(transaction, """
                INSERT INTO outbreak_signals (region, day, measure, observed, expected, score, detector, raised_ms)
                VALUES ($r, $d, $m, $o, $x, $s, $det, $t) RETURNING id
                """))
            {
                insert.Parameters.AddWithValue("$r", signal.Region);
                insert.Parameters.AddWithValue("$d", signal.Day.DayNumber);
                insert.Parameters.AddWithValue("$m", (int)signal.Measure);
                insert.Parameters.AddWithValue("$o", signal.Observed);
                insert.Parameters.AddWithValue("$x", signal.Expected);
                insert.Parameters.AddWithValue("$s", signal.Score);
                insert.Parameters.AddWithValue("$det", signal.Detector);
                insert.Parameters.AddWithValue("$t", signal.RaisedAt.ToUnixTimeMilliseconds());
                id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            var stored = signal with { Id = id, RaisedAt = DateTimeOffset.FromUnixTimeMilliseconds(signal.RaisedAt.ToUnixTimeMilliseconds()) };
            AppendChecked(PopulationRegions.Entry(stored), transaction);
            return stored;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutbreakSignal>> GetSignalsAsync(DateOnly? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = SignalColumns + " WHERE day >= $since ORDER BY day DESC, id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$since", since?.DayNumber ?? int.MinValue);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<OutbreakSignal>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(ReadSignal(reader));
        }
        return Task.FromResult<IReadOnlyList<OutbreakSignal>>(result);
    }

    private const string SignalColumns = "SELECT id, region, day, measure, observed, expected, score, detector, raised_ms FROM outbreak_signals";

    private static OutbreakSignal ReadSignal(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), DateOnly.FromDayNumber(r.GetInt32(2)), (PopulationMeasure)r.GetInt32(3), r.GetInt64(4), r.GetDouble(5), r.GetDouble(6), r.GetString(7), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)));
}
