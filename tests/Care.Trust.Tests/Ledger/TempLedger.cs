using Care.Core.Ids;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Microsoft.Data.Sqlite;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Trust.Tests.Ledger;

/// <summary>A ledger in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempLedger : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public TempLedger()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("care-ledger-test-").FullName;
        DatabasePath = Path.Combine(Directory, "care.db");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public SqliteLedgerStore Open() => SqliteLedgerStore.OpenFile(DatabasePath);

    public static string Sha(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    public static LedgerEntry Entry(int i) => (i % 6) switch
    {
        0 => new BundleAccepted($"bundle-{i}", Sha(i), "patch-7", i) { At = Start.AddMinutes(i) },
        1 => new DosePlanIssued($"plan-{i}", WearerId.Parse("w-1"), "insulin-aspart", 38.5, "U/d", Sha(i), "dr-ng") { At = Start.AddMinutes(i) },
        2 => new CartridgeFilled($"cart-{i}", WearerId.Parse("w-1"), $"plan-{i - 1}", "insulin-aspart", 300, 300, 298.7, "U", "assay-3") { At = Start.AddMinutes(i) },
        3 => new ModelReleased("glucose-controller", $"1.{i}", Sha(i), "release-board") { At = Start.AddMinutes(i) },
        4 => new LabJob($"job-{i}", "synth-2", Sha(i), "completed", Sha(i + 1)) { At = Start.AddMinutes(i) },
        _ => new RecordAccessed("dr-ng", "clinician", WearerId.Parse("w-2"), "review of alert") { At = Start.AddMinutes(i) },
    };

    /// <summary>Verifies the ledger on <paramref name="connection"/> (what <c>care ledger verify</c> does), optionally with heads a witness holds.</summary>
    public static LedgerVerification Verify(SqliteConnection connection, Care.Trust.Identity.HybridVerificationKey key, IReadOnlyList<SignedTreeHead>? witnessed = null) =>
        LedgerVerifier.VerifyAsync(new SqliteLedgerReader(connection), key, witnessed, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    /// <summary>Runs raw SQL as an attacker with file access would: the append-only triggers are dropped first.</summary>
    public void Attack(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS ledger_entries_no_update; DROP TRIGGER IF EXISTS ledger_entries_no_delete; DROP TRIGGER IF EXISTS ledger_tree_heads_no_update; DROP TRIGGER IF EXISTS ledger_tree_heads_no_delete; " + sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
