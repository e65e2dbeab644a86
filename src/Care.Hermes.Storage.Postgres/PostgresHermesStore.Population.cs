using Care.Core.Ids;
using Care.Hermes.Population;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>The population view: per-region daily counts and outbreak signals (aggregates only), signals ledgered.</summary>
public sealed partial class PostgresHermesStore : IPopulationStore
{
    private const string SignalColumns = "SELECT id, region, day, measure, observed, expected, score, detector, raised_ms FROM outbreak_signals";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WearerRegion>> WearerRegionsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("""
            SELECT DISTINCT ON (d.wearer) d.wearer, d.kiosk FROM devices d
            WHERE d.wearer IS NOT NULL AND d.retired_ms IS NULL AND d.revoked_ms IS NULL
            ORDER BY d.wearer, d.registered_ms DESC, d.id
            """);
        var result = new List<WearerRegion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new WearerRegion(WearerId.Parse(reader.GetString(0)), PopulationRegions.Of(reader.IsDBNull(1) ? null : reader.GetString(1))));
        }
        return result;
    }

    /// <inheritdoc/>
    public async Task SaveDailyCountsAsync(IReadOnlyList<RegionalDayCounts> counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        await InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var c in counts)
            {
                await using var upsert = new NpgsqlCommand("""
                    INSERT INTO population_counts (region, day, wearers, fever, raised_resting_hr, new_af_episodes, exposure_notifications)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (region, day) DO UPDATE SET wearers = excluded.wearers, fever = excluded.fever,
                        raised_resting_hr = excluded.raised_resting_hr, new_af_episodes = excluded.new_af_episodes,
                        exposure_notifications = excluded.exposure_notifications
                    """, connection, transaction);
                upsert.Parameters.AddWithValue(c.Region);
                upsert.Parameters.AddWithValue(c.Day.DayNumber);
                upsert.Parameters.AddWithValue(c.Wearers);
                upsert.Parameters.AddWithValue(c.Fever);
                upsert.Parameters.AddWithValue(c.RaisedRestingHeartRate);
                upsert.Parameters.AddWithValue(c.NewAfEpisodes);
                upsert.Parameters.AddWithValue(c.ExposureNotifications);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RegionalDayCounts>> GetDailyCountsAsync(DateOnly from, DateOnly to, string? region, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("""
            SELECT region, day, wearers, fever, raised_resting_hr, new_af_episodes, exposure_notifications FROM population_counts
            WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR region = $3) ORDER BY day, region
            """);
        command.Parameters.AddWithValue(from.DayNumber);
        command.Parameters.AddWithValue(to.DayNumber);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)region ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var result = new List<RegionalDayCounts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new RegionalDayCounts(reader.GetString(0), DateOnly.FromDayNumber(reader.GetInt32(1)), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        }
        return result;
    }

    /// <inheritdoc/>
    public Task<OutbreakSignal> RaiseSignalAsync(OutbreakSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        PopulationRegions.Check(signal);
        // The writer lock of InTransactionAsync serialises raisers, so find-then-insert cannot race.
        return InTransactionAsync(async (connection, transaction) =>
        {
            await using (var find = new NpgsqlCommand(SignalColumns + " WHERE region = $1 AND day = $2 AND measure = $3", connection, transaction))
            {
                find.Parameters.AddWithValue(signal.Region);
                find.Parameters.AddWithValue(signal.Day.DayNumber);
                find.Parameters.AddWithValue((int)signal.Measure);
                await using var reader = await find.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    return ReadSignal(reader);
                }
            }
            long id;
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO outbreak_signals (region, day, measure, observed, expected, score, detector, raised_ms)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue(signal.Region);
                insert.Parameters.AddWithValue(signal.Day.DayNumber);
                insert.Parameters.AddWithValue((int)signal.Measure);
                insert.Parameters.AddWithValue(signal.Observed);
                insert.Parameters.AddWithValue(signal.Expected);
                insert.Parameters.AddWithValue(signal.Score);
                insert.Parameters.AddWithValue(signal.Detector);
                insert.Parameters.AddWithValue(signal.RaisedAt.ToUnixTimeMilliseconds());
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            var stored = signal with { Id = id, RaisedAt = DateTimeOffset.FromUnixTimeMilliseconds(signal.RaisedAt.ToUnixTimeMilliseconds()) };
            await AppendCheckedAsync(connection, transaction, [PopulationRegions.Entry(stored)], cancellationToken);
            return stored;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutbreakSignal>> GetSignalsAsync(DateOnly? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _data.CreateCommand(SignalColumns + " WHERE day >= $1 ORDER BY day DESC, id DESC LIMIT $2");
        command.Parameters.AddWithValue(since?.DayNumber ?? int.MinValue);
        command.Parameters.AddWithValue((long)limit);
        var result = new List<OutbreakSignal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadSignal(reader));
        }
        return result;
    }

    private static OutbreakSignal ReadSignal(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), DateOnly.FromDayNumber(r.GetInt32(2)), (PopulationMeasure)r.GetInt32(3), r.GetInt64(4), r.GetDouble(5), r.GetDouble(6), r.GetString(7), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)));
}
