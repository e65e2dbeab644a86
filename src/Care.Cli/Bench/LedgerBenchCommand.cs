using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Care.Cli.Hosting;
using Care.Cli.Serve;
using Care.Core.Errors;
using Care.Hermes.Hosting;
using Care.Hermes.Ledger;
using Care.Simulation.Ledger;
using Care.Trust.Ledger;

namespace Care.Cli.Bench;

/// <summary>
/// <c>care bench ledger</c>: the ledger's one sequencer appending through the outbox (entries/s at
/// its batch of 100), and inclusion proofs at the size reached (10⁶ entries by default), on SQLite or PostgreSQL.
/// </summary>
internal static class LedgerBenchCommand
{
    // Entries committed to the outbox per act transaction, and pending entries per sequencer drain.
    private const int ActBatch = 1_000;
    private const int Chunk = 10_000;
    // 1,001 is prime to the mix's period of 6, so every wearer has entries of every wearer-bearing kind.
    private const int Wearers = 1_001;

    public static Command Create()
    {
        var entries = new Option<int>("--entries") { Description = "Ledger entries to append (the proofs run at this size)", DefaultValueFactory = _ => 1_000_000 };
        var proofs = new Option<int>("--proofs") { Description = "Inclusion proofs to time through the store", DefaultValueFactory = _ => 2_000 };
        var db = new Option<string?>("--db") { Description = "Database file (default: a new temporary file, deleted afterwards)", HelpName = "PATH" };
        var postgres = BackendOption.Postgres(
            "Measure on PostgreSQL instead of SQLite: an Npgsql connection string of a server; a scratch database is created on it and dropped afterwards");
        var json = CommonOptions.Json();
        var command = new Command("ledger",
            $"Measure the ledger: acts commit entries (a mix of six kinds) to the outbox {ActBatch:N0} per transaction; the sequencer drains them in its batches of {LedgerSequencer.DefaultBatchSize} (index, previous root, leaf hash, one append transaction per batch), timed; then a tree head is signed and inclusion proofs of random wearers' newest entries are timed through the store, and through the in-memory tree.")
        {
            entries, proofs, db, postgres, json,
        };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            int count = parse.GetValue(entries);
            if (count is < 1_000 or > 20_000_000)
            {
                throw new InvalidInputException("--entries", $"{count} is out of range; use 1000 to 20000000");
            }
            int proofCount = parse.GetValue(proofs);
            if (proofCount is < 1 or > 1_000_000)
            {
                throw new InvalidInputException("--proofs", $"{proofCount} is out of range; use 1 to 1000000");
            }
            await using var target = await BenchTarget.CreateAsync(parse.GetValue(postgres), parse.GetValue(db), cancellationToken);
            var result = await RunAsync(target.Options, count, proofCount, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Options));
                return ExitCodes.Ok;
            }
            await output.WriteLineAsync(
                $"Ledger ({result.Backend}, {Environment.ProcessorCount} cores): {result.Entries:N0} entries; sequencer {result.SequencerEntriesPerSecond:N0} entries/s at batch {result.SequencerBatch} " +
                $"({result.SequencerSeconds:N2} s); acts' outbox commits {result.OutboxEntriesPerSecond:N0} entries/s ({ActBatch:N0} per transaction, {result.OutboxSeconds:N2} s).");
            await output.WriteLineAsync(
                $"Inclusion proof at {result.Entries:N0} entries through the store (find, read, head, path): p50 {result.StoreProofP50Microseconds:N0} µs, p99 {result.StoreProofP99Microseconds:N0} µs ({result.Proofs:N0} proofs, all verified); " +
                $"in-memory tree only: mean {result.TreeProofMeanMicroseconds:N2} µs.");
            await output.WriteLineAsync(
                $"Tree from the store: loaded in {result.TreeLoadSeconds:N2} s, {result.TreeBytesPerEntry:N0} bytes of managed memory per entry.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<LedgerBenchResult> RunAsync(HermesOptions options, int count, int proofCount, CancellationToken cancellationToken)
    {
        await using var hermes = HermesComposition.Open(options, TimeProvider.System);
        var store = hermes.Store;
        var outbox = store as ILedgerOutboxStore
            ?? throw new InvalidOperationException($"the {options.Backend!.Name} store has no ledger outbox");
        var sequencer = outbox.Sequencer;
        double outboxSeconds = 0, sequencerSeconds = 0;
        for (long done = 0; done < count;)
        {
            int chunk = (int)Math.Min(Chunk, count - done);
            var mix = SyntheticLedgerEntries.Mix(done, chunk, Wearers);
            long started = Stopwatch.GetTimestamp();
            for (int first = 0; first < chunk; first += ActBatch)
            {
                await using var session = await store.BeginIngestAsync(cancellationToken);
                for (int i = first; i < Math.Min(first + ActBatch, chunk); i++)
                {
                    await session.AppendLedgerAsync(mix[i]);
                }
                await session.CommitAsync();
            }
            outboxSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            started = Stopwatch.GetTimestamp();
            long appended = await sequencer.SequenceAsync(cancellationToken);
            sequencerSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (appended != chunk)
            {
                throw new InvalidOperationException($"the sequencer appended {appended} of {chunk} pending entries");
            }
            done += chunk;
        }
        var head = await store.PublishTreeHeadAsync(cancellationToken);
        if (head.TreeSize != count)
        {
            throw new InvalidOperationException($"the signed head covers {head.TreeSize} entries of {count}");
        }

        // Proofs through the store: the newest RecordAccessed of a random wearer, proven under the head.
        var random = new Random(12);
        long accessed = count / 6;
        if (accessed == 0)
        {
            throw new InvalidOperationException($"--entries {count}: at least 6 are needed for a RecordAccessed entry to prove");
        }
        var latencies = new double[proofCount];
        for (int i = 0; i < proofCount; i++)
        {
            // Entry 6k + 5 of the mix is a RecordAccessed; prove the newest for the wearer of a random one of them.
            var wearer = SyntheticLedgerEntries.WearerFor(6L * random.NextInt64(accessed) + 5, Wearers);
            long started = Stopwatch.GetTimestamp();
            var proven = await store.ProveLatestAsync("RecordAccessed", wearer, cancellationToken);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            var check = proven?.Proof?.Check(store.LedgerKey)
                ?? throw new InvalidOperationException($"no proven RecordAccessed entry for {wearer}");
            if (!check.IsValid)
            {
                throw new InvalidOperationException($"the inclusion proof for {wearer} does not verify: {check.Failure}");
            }
        }
        Array.Sort(latencies);

        // The tree alone, loaded from the store as a sequencer loads it when it starts.
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long loadStarted = Stopwatch.GetTimestamp();
        var tree = new MerkleTree();
        await foreach (var leaf in outbox.ReadLeafHashesAsync(cancellationToken))
        {
            tree.Append(leaf);
        }
        double loadSeconds = Stopwatch.GetElapsedTime(loadStarted).TotalSeconds;
        long treeBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        if (!tree.Root(count).AsSpan().SequenceEqual(head.RootHash))
        {
            throw new InvalidOperationException("the tree read back from the store disagrees with the signed head");
        }
        const int TreeProofs = 100_000;
        long sink = 0;
        long treeStarted = Stopwatch.GetTimestamp();
        for (int i = 0; i < TreeProofs; i++)
        {
            sink += tree.InclusionProof(random.NextInt64(count), count).Count;
        }
        double treeMicroseconds = Stopwatch.GetElapsedTime(treeStarted).TotalMicroseconds / TreeProofs;
        GC.KeepAlive(sink);

        return new LedgerBenchResult(options.Backend!.Name, count, sequencer.BatchSize,
            Math.Round(sequencerSeconds, 3), Math.Round(count / sequencerSeconds), Math.Round(outboxSeconds, 3), Math.Round(count / outboxSeconds),
            proofCount, Math.Round(BenchCommand.Percentile(latencies, 0.50), 1), Math.Round(BenchCommand.Percentile(latencies, 0.99), 1), Math.Round(treeMicroseconds, 2),
            Math.Round(loadSeconds, 2), Math.Round((double)treeBytes / count, 1));
    }

    private sealed record LedgerBenchResult(string Backend, long Entries, int SequencerBatch,
        double SequencerSeconds, double SequencerEntriesPerSecond, double OutboxSeconds, double OutboxEntriesPerSecond,
        int Proofs, double StoreProofP50Microseconds, double StoreProofP99Microseconds, double TreeProofMeanMicroseconds,
        double TreeLoadSeconds, double TreeBytesPerEntry);
}
