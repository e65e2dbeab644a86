using Npgsql;

namespace Care.Hermes.Cluster.Schema;

/// <summary>
/// Puts Orleans's membership tables into Care's PostgreSQL database once: under a transaction-scoped
/// advisory lock (silos that start together install them once), runs <see cref="OrleansSqlScripts.Main"/>
/// and <see cref="OrleansSqlScripts.Clustering"/> in one transaction when the membership table is absent,
/// and refuses a database where they are half there. Orleans's scripts are not idempotent, hence the check.
/// </summary>
public static class OrleansSchema
{
    /// <summary>The advisory lock key the installation holds ("CareOrln"); distinct from the store's writer lock.</summary>
    public const long InstallLock = 0x4361_7265_4F72_6C6E;

    /// <summary>A query the clustering script inserts: present means the script ran whole.</summary>
    private const string ClusteringQueryKey = "MembershipReadAllKey";

    /// <summary>Installs the scripts when needed; returns true when it installed them, false when they were there.</summary>
    /// <exception cref="IOException">PostgreSQL cannot be reached, a script fails, or the tables are half installed (the message says which and where).</exception>
    public static async Task<bool> EnsureAsync(string connectionString, OrleansSqlScripts scripts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(scripts);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        string where = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue(InstallLock);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            bool query = await ExistsAsync(connection, transaction, "orleansquery", cancellationToken);
            bool membership = await ExistsAsync(connection, transaction, "orleansmembershiptable", cancellationToken);
            if (query && membership)
            {
                await using var check = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery WHERE QueryKey = $1", connection, transaction);
                check.Parameters.AddWithValue(ClusteringQueryKey);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new IOException($"{where}: Orleans's membership tables exist but OrleansQuery lacks {ClusteringQueryKey}: {OrleansSqlScripts.ClusteringFile} was half applied; drop the Orleans tables and start again");
                }
                return false;
            }
            if (membership && !query)
            {
                throw new IOException($"{where}: OrleansMembershipTable exists without OrleansQuery: the Orleans scripts were half applied; drop the Orleans tables and start again");
            }
            if (!query)
            {
                await RunAsync(connection, transaction, scripts.Main, Path.Combine(scripts.Directory, OrleansSqlScripts.MainFile), cancellationToken);
            }
            await RunAsync(connection, transaction, scripts.Clustering, Path.Combine(scripts.Directory, OrleansSqlScripts.ClusteringFile), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"cannot prepare Orleans's membership tables on {where}: {e.Message}", e);
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction);
        command.Parameters.AddWithValue(table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string script, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand(script, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new IOException($"Orleans's script '{path}' failed at character {e.Position}: {e.MessageText}; nothing of it was kept", e);
        }
    }
}
