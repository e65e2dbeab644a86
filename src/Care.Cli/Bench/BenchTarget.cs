using Care.Cli.Serve;
using Care.Core.Errors;
using Care.Hermes.Hosting;
using Care.Hermes.Storage.Postgres;

namespace Care.Cli.Bench;

/// <summary>
/// Where a <c>care bench</c> command measures: a scratch PostgreSQL database (created on the server
/// given, dropped on dispose) or a SQLite file (a temporary one, deleted on dispose, unless the user
/// named one). Shared by every bench subcommand so none writes into a real database.
/// </summary>
internal sealed class BenchTarget : IAsyncDisposable
{
    private readonly string? _temporaryFile;

    private BenchTarget(HermesOptions options, PostgresScratchDatabase? scratch, string? temporaryFile)
    {
        Options = options;
        Scratch = scratch;
        _temporaryFile = temporaryFile;
    }

    /// <summary>Hermes's options on the chosen backend.</summary>
    public HermesOptions Options { get; }

    /// <summary>The scratch PostgreSQL database, or null on SQLite.</summary>
    public PostgresScratchDatabase? Scratch { get; }

    /// <summary>Creates the target; <paramref name="postgres"/> is a server's connection string (or null for SQLite), <paramref name="db"/> a SQLite file to keep (or null).</summary>
    /// <exception cref="InvalidInputException">The PostgreSQL server refused (names <c>--postgres</c> and the cause).</exception>
    public static async Task<BenchTarget> CreateAsync(string? postgres, string? db, CancellationToken cancellationToken)
    {
        string file = db ?? Path.Combine(Path.GetTempPath(), $"care-bench-{Guid.NewGuid():N}.db");
        PostgresScratchDatabase? scratch = null;
        if (postgres is not null)
        {
            try
            {
                scratch = await PostgresScratchDatabase.CreateAsync(postgres, "care_bench", cancellationToken);
            }
            catch (IOException e)
            {
                throw new InvalidInputException("--postgres", e.Message);
            }
        }
        try
        {
            return new BenchTarget(BackendOption.Options(scratch?.ConnectionString, file), scratch, db is null ? file : null);
        }
        catch
        {
            if (scratch is not null)
            {
                await scratch.DisposeAsync();
            }
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Scratch is not null)
        {
            await Scratch.DisposeAsync();
        }
        if (_temporaryFile is not null)
        {
            foreach (var suffix in (ReadOnlySpan<string>)["", "-wal", "-shm", ".ledger-key", ".ledger-key.pub", ".recipient-key"])
            {
                File.Delete(_temporaryFile + suffix);
            }
        }
    }
}
