using Care.Hermes.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Ledger;

/// <summary>
/// Runs the ledger's sequencer while Hermes runs: a pass every <see cref="LedgerSequencer.DefaultInterval"/>
/// (the sequencing part of the maximum merge delay), so an act that nobody waits on is in the log
/// within one interval of its commit; tree heads follow on <see cref="TreeHeadSchedule"/>. Does
/// nothing when the backend has no outbox. While another process's sequencer holds the ledger it
/// keeps trying (and takes over when that lease expires).
/// </summary>
internal sealed partial class LedgerSequencerService(IHermesStore store, TimeProvider time, ILogger<LedgerSequencerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not ILedgerOutboxStore outbox)
        {
            return;
        }
        using var timer = new PeriodicTimer(LedgerSequencer.DefaultInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await outbox.Sequencer.SequenceAsync(stoppingToken) is > 0 and var appended)
                    {
                        Sequenced(log, appended);
                    }
                }
                catch (SequencerConflictException e)
                {
                    Refused(log, e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The entries stay in the outbox; the next pass retries.
                    Failed(log, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "Sequenced {Appended} ledger entries")]
    private static partial void Sequenced(ILogger logger, long appended);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Not sequencing: {Problem}")]
    private static partial void Refused(ILogger logger, string problem);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "A sequencer pass failed; entries stay pending: {Problem}")]
    private static partial void Failed(ILogger logger, string problem);
}
