using Care.Core.Ids;
using Care.Hermes.Campaigns;
using Care.Trust.Ledger.Entries;
using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>Vaccine campaigns, doses and dose steps (<see cref="ICampaignStore"/>): each write and its ledger entries in one transaction.</summary>
public sealed partial class PostgresHermesStore : ICampaignStore
{
    private const string CampaignColumns = "id, protein, mrna, product_sha256, lambda, beam, mfe, cai, dose_ug, eligible, expires_ms, issued_by, created_ms";
    private const string DoseColumns = "id, request_id, campaign, wearer, step, requested_ms, updated_ms";

    /// <inheritdoc/>
    public Task<bool> AddCampaignAsync(CampaignRecord campaign, VaccineDesigned designed, VaccineCampaignIssued issued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return InTransactionAsync(async (connection, transaction) =>
        {
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO vaccine_campaigns ({CampaignColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                ON CONFLICT (id) DO NOTHING
                """, connection, transaction);
            var p = insert.Parameters;
            p.AddWithValue(campaign.Id);
            p.AddWithValue(campaign.Protein);
            p.AddWithValue(campaign.Mrna);
            p.AddWithValue(campaign.ProductSha256);
            p.AddWithValue(campaign.Lambda);
            p.AddWithValue(campaign.Beam);
            p.AddWithValue(campaign.MfeKcalPerMol);
            p.AddWithValue(campaign.Cai);
            p.AddWithValue(campaign.DoseMicrograms);
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, Value = campaign.Eligible is { } list ? list.Select(w => w.Value).ToArray() : DBNull.Value });
            p.AddWithValue(campaign.ExpiresAt.ToUnixTimeMilliseconds());
            p.AddWithValue(campaign.IssuedBy);
            p.AddWithValue(campaign.CreatedAt.ToUnixTimeMilliseconds());
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
            await AppendCheckedAsync(connection, transaction, [designed, issued], cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<CampaignRecord?> GetCampaignAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = await ReadCampaignsAsync("WHERE id = $1", id, cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(CancellationToken cancellationToken = default) =>
        await ReadCampaignsAsync("ORDER BY created_ms DESC, id", null, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> AddDoseAsync(DoseRecord dose, VaccineDoseStep requested, string entrySha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dose);
        ArgumentNullException.ThrowIfNull(requested);
        return InTransactionAsync(async (connection, transaction) =>
        {
            // No conflict target: the dose id, the request id and one live dose per wearer and campaign all count.
            await using (var insert = new NpgsqlCommand($"INSERT INTO vaccine_doses ({DoseColumns}) VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT DO NOTHING", connection, transaction))
            {
                insert.Parameters.AddWithValue(dose.Id);
                insert.Parameters.AddWithValue(dose.RequestId);
                insert.Parameters.AddWithValue(dose.CampaignId);
                insert.Parameters.AddWithValue(dose.Wearer.Value);
                insert.Parameters.AddWithValue((int)dose.Step);
                insert.Parameters.AddWithValue(dose.RequestedAt.ToUnixTimeMilliseconds());
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return false;
                }
            }
            await InsertStepAsync(connection, transaction, dose.Id, requested, dose.Step, entrySha256, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<DoseRecord?> GetDoseAsync(string doseId, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand($"SELECT {DoseColumns} FROM vaccine_doses WHERE id = $1");
        command.Parameters.AddWithValue(doseId);
        var found = await ReadDosesAsync(command, cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DoseRecord>> ListDosesAsync(string campaignId, DoseStep? step, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand($"SELECT {DoseColumns} FROM vaccine_doses WHERE campaign = $1 AND ($2::integer IS NULL OR step = $2) ORDER BY requested_ms, id LIMIT $3");
        command.Parameters.AddWithValue(campaignId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = step is { } s ? (int)s : DBNull.Value });
        command.Parameters.AddWithValue(limit);
        return await ReadDosesAsync(command, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DoseStepRecord>> ListStepsAsync(string doseId, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT step, at_ms, entry_sha256, detail FROM vaccine_dose_steps WHERE dose = $1 ORDER BY at_ms, step");
        command.Parameters.AddWithValue(doseId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var steps = new List<DoseStepRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new DoseStepRecord((DoseStep)reader.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3)));
        }
        return steps;
    }

    /// <inheritdoc/>
    public Task<bool> AdvanceDoseAsync(string doseId, DoseStep from, DoseStep to, VaccineDoseStep entry, string entrySha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return InTransactionAsync(async (connection, transaction) =>
        {
            await using (var update = new NpgsqlCommand("UPDATE vaccine_doses SET step = $3, updated_ms = $4 WHERE id = $1 AND step = $2", connection, transaction))
            {
                update.Parameters.AddWithValue(doseId);
                update.Parameters.AddWithValue((int)from);
                update.Parameters.AddWithValue((int)to);
                update.Parameters.AddWithValue(entry.At.ToUnixTimeMilliseconds());
                if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return false;
                }
            }
            await InsertStepAsync(connection, transaction, doseId, entry, to, entrySha256, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private async Task InsertStepAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string doseId, VaccineDoseStep entry, DoseStep step, string entrySha256, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand("INSERT INTO vaccine_dose_steps (dose, step, at_ms, entry_sha256, detail) VALUES ($1, $2, $3, $4, $5)", connection, transaction))
        {
            insert.Parameters.AddWithValue(doseId);
            insert.Parameters.AddWithValue((int)step);
            insert.Parameters.AddWithValue(entry.At.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(entrySha256);
            insert.Parameters.AddWithValue(entry.Detail);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await AppendCheckedAsync(connection, transaction, [entry], cancellationToken);
    }

    private async Task<List<CampaignRecord>> ReadCampaignsAsync(string where, string? id, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"SELECT {CampaignColumns} FROM vaccine_campaigns {where}");
        if (id is not null)
        {
            command.Parameters.AddWithValue(id);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var campaigns = new List<CampaignRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            campaigns.Add(new CampaignRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4), reader.GetInt32(5),
                reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8),
                reader.IsDBNull(9) ? null : [.. ((string[])reader[9]).Select(WearerId.Parse)],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)), reader.GetString(11), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12))));
        }
        return campaigns;
    }

    private static async Task<List<DoseRecord>> ReadDosesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var doses = new List<DoseRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            doses.Add(new DoseRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), WearerId.Parse(reader.GetString(3)), (DoseStep)reader.GetInt32(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return doses;
    }
}
