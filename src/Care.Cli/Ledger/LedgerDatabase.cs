using Care.Core.Errors;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Cli.Ledger;

/// <summary>Opens an existing ledger database for the ledger commands; never creates one by mistake.</summary>
internal static class LedgerDatabase
{
    public static void RequireExisting(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "database not found (pass --db PATH)");
        }
    }

    /// <summary>Opens the store with its signing key (needed to sign a new tree head).</summary>
    public static SqliteLedgerStore OpenStore(string path)
    {
        RequireExisting(path);
        return SqliteLedgerStore.OpenFile(path);
    }

    /// <summary>Opens the file read-only; fails with exit 2 when the file holds no ledger.</summary>
    public static SqliteLedgerFile OpenReadOnly(string path) => SqliteLedgerFile.OpenReadOnly(path);
}
