using Care.Hermes.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Ledger;

/// <summary>
/// Signs due tree heads on a timer while Hermes runs (acts that are not followed by another write
/// still get their head within one interval), and a last head when Hermes stops, so a clean
/// shutdown leaves no entry unsigned.
/// </summary>
internal sealed partial class TreeHeadSigner(TreeHeadSchedule schedule, IHermesStore store, TimeProvider time, ILogger<TreeHeadSigner> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(schedule.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await schedule.SignIfDueAsync(stoppingToken) is { } head)
                    {
                        Signed(log, head.TreeSize);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed signing is retried at the next tick; the entries stay pending meanwhile.
                    SignFailed(log, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var head = await store.PublishTreeHeadAsync(cancellationToken);
        Signed(log, head.TreeSize);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Signed a tree head at size {TreeSize}")]
    private static partial void Signed(ILogger logger, long treeSize);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Could not sign a due tree head: {Problem}")]
    private static partial void SignFailed(ILogger logger, string problem);
}
