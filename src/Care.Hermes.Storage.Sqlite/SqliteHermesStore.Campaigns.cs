using Care.Core.Ids;
using Care.Hermes.Campaigns;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>Vaccine campaigns, doses and dose steps (<see cref="ICampaignStore"/>): each write and its ledger entries in one transaction.</summary>
public sealed partial class SqliteHermesStore : ICampaignStore
{
    private const string CampaignColumns = "id, protein, mrna, product_sha256, lambda, beam, mfe, cai, dose_ug, eligible, expires_ms, issued_by, created_ms";
    private const string DoseColumns = "id, request_id, campaign, wearer, step, requested_ms, updated_ms";

    /// <inheritdoc/>
    public Task<bool> AddCampaignAsync(CampaignRecord campaign, VaccineDesigned designed, VaccineCampaignIssued issued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return InTransactionAsync(transaction =>
        {
            using var insert = Command(transaction, $"""
                INSERT INTO vaccine_campaigns ({CampaignColumns}) VALUES ($id, $p, $m, $h, $l, $b, $e, $c, $d, $el, $x, $by, $t)
                ON CONFLICT (id) DO NOTHING
                """);
            var p = insert.Parameters;
            p.AddWithValue("$id", campaign.Id);
            p.AddWithValue("$p", campaign.Protein);
            p.AddWithValue("$m", campaign.Mrna);
            p.AddWithValue("$h", campaign.ProductSha256);
            p.AddWithValue("$l", campaign.Lambda);
            p.AddWithValue("$b", campaign.Beam);
            p.AddWithValue("$e", campaign.MfeKcalPerMol);
            p.AddWithValue("$c", campaign.Cai);
            p.AddWithValue("$d", campaign.DoseMicrograms);
            p.AddWithValue("$el", campaign.Eligible is { } list ? string.Join('\n', list.Select(w => w.Value)) : DBNull.Value);
            p.AddWithValue("$x", campaign.ExpiresAt.ToUnixTimeMilliseconds());
            p.AddWithValue("$by", campaign.IssuedBy);
            p.AddWithValue("$t", campaign.CreatedAt.ToUnixTimeMilliseconds());
            if (insert.ExecuteNonQuery() == 0)
            {
                return false;
            }
            AppendChecked(designed, transaction);
            AppendChecked(issued, transaction);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<CampaignRecord?> GetCampaignAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        var found = ReadCampaigns(connection, "WHERE id = $id", p => p.AddWithValue("$id", id));
        return Task.FromResult(found.Count == 1 ? found[0] : null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        return Task.FromResult<IReadOnlyList<CampaignRecord>>(ReadCampaigns(connection, "ORDER BY created_ms DESC, id", _ => { }));
    }

    /// <inheritdoc/>
    public Task<bool> AddDoseAsync(DoseRecord dose, VaccineDoseStep requested, string entrySha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dose);
        ArgumentNullException.ThrowIfNull(requested);
        return InTransactionAsync(transaction =>
        {
            using (var seen = Command(transaction, "SELECT 1 FROM vaccine_doses WHERE id = $id OR request_id = $r OR (campaign = $c AND wearer = $w AND step <> $refused)"))
            {
                seen.Parameters.AddWithValue("$id", dose.Id);
                seen.Parameters.AddWithValue("$r", dose.RequestId);
                seen.Parameters.AddWithValue("$c", dose.CampaignId);
                seen.Parameters.AddWithValue("$w", dose.Wearer.Value);
                seen.Parameters.AddWithValue("$refused", (int)DoseStep.Refused);
                if (seen.ExecuteScalar() is not null)
                {
                    return false;
                }
            }
            using (var insert = Command(transaction, $"INSERT INTO vaccine_doses ({DoseColumns}) VALUES ($id, $r, $c, $w, $s, $t, $t)"))
            {
                insert.Parameters.AddWithValue("$id", dose.Id);
                insert.Parameters.AddWithValue("$r", dose.RequestId);
                insert.Parameters.AddWithValue("$c", dose.CampaignId);
                insert.Parameters.AddWithValue("$w", dose.Wearer.Value);
                insert.Parameters.AddWithValue("$s", (int)dose.Step);
                insert.Parameters.AddWithValue("$t", dose.RequestedAt.ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
            }
            InsertStep(transaction, dose.Id, requested, dose.Step, entrySha256);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<DoseRecord?> GetDoseAsync(string doseId, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        var found = ReadDoses(connection, "WHERE id = $id", p => p.AddWithValue("$id", doseId));
        return Task.FromResult(found.Count == 1 ? found[0] : null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<DoseRecord>> ListDosesAsync(string campaignId, DoseStep? step, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        return Task.FromResult<IReadOnlyList<DoseRecord>>(ReadDoses(connection, "WHERE campaign = $c AND ($s IS NULL OR step = $s) ORDER BY requested_ms, id LIMIT $n", p =>
        {
            p.AddWithValue("$c", campaignId);
            p.AddWithValue("$s", step is { } s ? (int)s : DBNull.Value);
            p.AddWithValue("$n", limit);
        }));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<DoseStepRecord>> ListStepsAsync(string doseId, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT step, at_ms, entry_sha256, detail FROM vaccine_dose_steps WHERE dose = $d ORDER BY at_ms, step";
        select.Parameters.AddWithValue("$d", doseId);
        using var reader = select.ExecuteReader();
        var steps = new List<DoseStepRecord>();
        while (reader.Read())
        {
            steps.Add(new DoseStepRecord((DoseStep)reader.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3)));
        }
        return Task.FromResult<IReadOnlyList<DoseStepRecord>>(steps);
    }

    /// <inheritdoc/>
    public Task<bool> AdvanceDoseAsync(string doseId, DoseStep from, DoseStep to, VaccineDoseStep entry, string entrySha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return InTransactionAsync(transaction =>
        {
            using (var update = Command(transaction, "UPDATE vaccine_doses SET step = $to, updated_ms = $t WHERE id = $id AND step = $from"))
            {
                update.Parameters.AddWithValue("$id", doseId);
                update.Parameters.AddWithValue("$from", (int)from);
                update.Parameters.AddWithValue("$to", (int)to);
                update.Parameters.AddWithValue("$t", entry.At.ToUnixTimeMilliseconds());
                if (update.ExecuteNonQuery() == 0)
                {
                    return false;
                }
            }
            InsertStep(transaction, doseId, entry, to, entrySha256);
            return true;
        }, cancellationToken);
    }

    private void InsertStep(SqliteTransaction transaction, string doseId, VaccineDoseStep entry, DoseStep step, string entrySha256)
    {
        using var insert = Command(transaction, "INSERT INTO vaccine_dose_steps (dose, step, at_ms, entry_sha256, detail) VALUES ($d, $s, $t, $h, $detail)");
        insert.Parameters.AddWithValue("$d", doseId);
        insert.Parameters.AddWithValue("$s", (int)step);
        insert.Parameters.AddWithValue("$t", entry.At.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$h", entrySha256);
        insert.Parameters.AddWithValue("$detail", entry.Detail);
        insert.ExecuteNonQuery();
        AppendChecked(entry, transaction);
    }

    private static List<CampaignRecord> ReadCampaigns(SqliteConnection connection, string where, Action<SqliteParameterCollection> bind)
    {
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {CampaignColumns} FROM vaccine_campaigns {where}";
        bind(select.Parameters);
        using var reader = select.ExecuteReader();
        var campaigns = new List<CampaignRecord>();
        while (reader.Read())
        {
            campaigns.Add(new CampaignRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4), reader.GetInt32(5),
                reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8),
                reader.IsDBNull(9) ? null : [.. reader.GetString(9).Split('\n').Select(WearerId.Parse)],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)), reader.GetString(11), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12))));
        }
        return campaigns;
    }

    private static List<DoseRecord> ReadDoses(SqliteConnection connection, string where, Action<SqliteParameterCollection> bind)
    {
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {DoseColumns} FROM vaccine_doses {where}";
        bind(select.Parameters);
        using var reader = select.ExecuteReader();
        var doses = new List<DoseRecord>();
        while (reader.Read())
        {
            doses.Add(new DoseRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), WearerId.Parse(reader.GetString(3)), (DoseStep)reader.GetInt32(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return doses;
    }
}
