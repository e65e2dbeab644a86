using System.Text.Json;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Storage.Sqlite;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Cli.Tests.Security;

/// <summary><c>care ledger verify</c> over records and ledger, <c>care ledger witness</c> against a running Hermes, and <c>care token</c>.</summary>
public sealed class LedgerCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-ledger-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static void Sql(string db, string sql)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS ledger_entries_no_update; DROP TRIGGER IF EXISTS ledger_entries_no_delete; DROP TRIGGER IF EXISTS ledger_tree_heads_no_delete; " + sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Verify_passes_a_demo_database_and_names_an_edited_heart_rate_and_a_truncated_log()
    {
        Care.Testing.SharedData.RequireFolder("t1d");
        string db = Path.Combine(_folder, "demo.db");
        var (exit, _, error) = await CliRun.RunAsync("demo", "--wearers", "3", "--days", "1", "--seed", "2", "--ecg-share", "0", "--db", db, "--json");
        Assert.True(exit == 0, error);
        (exit, var output, error) = await CliRun.RunAsync("ledger", "verify", "--db", db, "--json");
        Assert.True(exit == 0, output + error);
        using (var ok = JsonDocument.Parse(output))
        {
            Assert.Equal(0, ok.RootElement.GetProperty("unsignedEntries").GetInt64());
            Assert.True(ok.RootElement.GetProperty("content").GetProperty("valid").GetBoolean());
        }

        string copy = Copy(db, "edited.db");
        Sql(copy, "UPDATE observations SET value = 250 WHERE sign = 1 AND time_ms = (SELECT MIN(time_ms) FROM observations WHERE sign = 1)");
        (exit, output, _) = await CliRun.RunAsync("ledger", "verify", "--db", copy);
        Assert.Equal(1, exit);
        Assert.Contains("records BAD", output, StringComparison.Ordinal);
        Assert.Contains("no longer hash to the content ledger entry", output, StringComparison.Ordinal);

        string cut = Copy(db, "cut.db");
        Sql(cut, "DELETE FROM ledger_entries WHERE idx >= (SELECT MAX(idx) - 4 FROM ledger_entries)");
        (exit, output, _) = await CliRun.RunAsync("ledger", "verify", "--db", cut);
        Assert.Equal(1, exit);
        Assert.Contains("truncated", output, StringComparison.Ordinal);
    }

    /// <summary>A copy of a closed database (its WAL folded in) with its public ledger key.</summary>
    private string Copy(string db, string name)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string copy = Path.Combine(_folder, name);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{copy}'";
            vacuum.ExecuteNonQuery();
        }
        File.Copy(db + ".ledger-key.pub", copy + ".ledger-key.pub");
        return copy;
    }

    [Fact]
    public async Task A_witness_pins_the_key_follows_a_growing_log_and_reports_a_fork_with_both_signed_heads()
    {
        string db = Path.Combine(_folder, "hermes.db");
        string state = Path.Combine(_folder, "witness.json");
        await using (var store = SqliteHermesStore.Open(db))
        {
            await store.AppendToLedgerAsync(new ModelReleased("beats", "1", new string('a', 64), "board") { At = DateTimeOffset.UtcNow }, Cancel);
            await store.PublishTreeHeadAsync(Cancel);
        }
        // A copy of the log, with its key: the operator who holds the key can sign another history.
        string forkDb = Copy(db, "fork.db");
        File.Copy(db + ".ledger-key", forkDb + ".ledger-key");

        var (exit, output, error) = await WitnessAsync(db, state, async store =>
            await store.AppendToLedgerAsync(new ModelReleased("beats", "2", new string('b', 64), "board") { At = DateTimeOffset.UtcNow }, Cancel));
        Assert.True(exit == 0, output + error);
        Assert.Contains("first head seen: size 2", output, StringComparison.Ordinal);
        Assert.Contains("pinned the log key", error, StringComparison.Ordinal);
        (exit, output, error) = await WitnessAsync(db, state, async store =>
            await store.AppendToLedgerAsync(new ModelReleased("beats", "3", new string('c', 64), "board") { At = DateTimeOffset.UtcNow }, Cancel));
        Assert.True(exit == 0, output + error);
        Assert.Contains("grew consistently from size 2 to 3", output, StringComparison.Ordinal);

        // The fork shows version 2' where the witness saw 2, then grows past it.
        (exit, output, _) = await WitnessAsync(forkDb, state, async store =>
        {
            await store.AppendToLedgerAsync(new ModelReleased("beats", "2", new string('d', 64), "board") { At = DateTimeOffset.UtcNow }, Cancel);
            await store.PublishTreeHeadAsync(Cancel);
            await store.AppendToLedgerAsync(new ModelReleased("beats", "3", new string('e', 64), "board") { At = DateTimeOffset.UtcNow }, Cancel);
            await store.AppendToLedgerAsync(new ModelReleased("beats", "4", new string('f', 64), "board") { At = DateTimeOffset.UtcNow }, Cancel);
        });
        Assert.Equal(1, exit);
        Assert.Contains("FORK", output, StringComparison.Ordinal);
        using var evidence = JsonDocument.Parse(await File.ReadAllTextAsync(state + ".fork.json", Cancel));
        var previous = TreeHeadJson.Read(System.Text.Json.Nodes.JsonNode.Parse(evidence.RootElement.GetProperty("previousHead").GetRawText()), "evidence");
        var fresh = TreeHeadJson.Read(System.Text.Json.Nodes.JsonNode.Parse(evidence.RootElement.GetProperty("freshHead").GetRawText()), "evidence");
        var key = LedgerKeyFile.ReadPublic(db + ".ledger-key.pub");
        Assert.True(previous.Verify(key) && fresh.Verify(key));
        Assert.Equal(3, previous.TreeSize);
        Assert.Equal(4, fresh.TreeSize);
        // The state still holds the last consistent head.
        Assert.Contains("\"treeSize\": 3", await File.ReadAllTextAsync(state, Cancel), StringComparison.Ordinal);
    }

    /// <summary>Serves <paramref name="db"/> over real HTTP after <paramref name="act"/> and a signed head, runs one witness look, stops.</summary>
    private static async Task<(int, string, string)> WitnessAsync(string db, string state, Func<SqliteHermesStore, Task> act)
    {
        await using (var store = SqliteHermesStore.Open(db))
        {
            await act(store);
            await store.PublishTreeHeadAsync(Cancel);
        }
        await using var app = HermesApp.Build(SqliteBackend.Options(db), "http://127.0.0.1:0");
        await app.StartAsync(Cancel);
        var result = await CliRun.RunAsync("ledger", "witness", "--hermes", app.Urls.Single(), "--state", state);
        await app.StopAsync(Cancel);
        return result;
    }

    [Fact]
    public async Task Tokens_are_created_with_an_expiry_listed_without_secrets_and_revoked_from_the_command_line()
    {
        string db = Path.Combine(_folder, "tokens.db");
        var (exit, output, error) = await CliRun.RunAsync("token", "create", "--role", "clinician", "--expires-in", "12h", "--wearers", "W-1,W-2", "--label", "ward 3", "--db", db);
        Assert.True(exit == 0, error);
        string secret = output.Trim().Split(' ')[^1];
        Assert.StartsWith(TokenIssuer.Prefix, secret, StringComparison.Ordinal);
        Assert.Contains("for wearers W-1,W-2", output, StringComparison.Ordinal);
        (exit, output, _) = await CliRun.RunAsync("token", "list", "--db", db, "--json");
        Assert.Equal(0, exit);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        using var list = JsonDocument.Parse(output);
        var token = Assert.Single(list.RootElement.GetProperty("tokens").EnumerateArray());
        Assert.True(token.GetProperty("active").GetBoolean());
        Assert.Equal("ward 3", token.GetProperty("label").GetString());
        string id = token.GetProperty("id").GetString()!;
        Assert.Equal(0, (await CliRun.RunAsync("token", "revoke", id, "--db", db)).Item1);
        (exit, output, _) = await CliRun.RunAsync("token", "list", "--db", db);
        Assert.Contains("revoked", output, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRun.RunAsync("token", "revoke", "tok_missing", "--db", db)).Item1);
        Assert.Equal(2, (await CliRun.RunAsync("token", "create", "--role", "device", "--expires-in", "forever", "--db", db)).Item1);
        Assert.Equal(2, (await CliRun.RunAsync("token", "create", "--role", "admin", "--wearers", "W-1", "--db", db)).Item1);
    }
}
