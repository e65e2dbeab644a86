using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Exposure;

/// <summary>Runs the <see cref="ExportPublisher"/> every <see cref="ExposureOptions.ExportInterval"/> while Hermes runs.</summary>
internal sealed partial class ExportPublisherService(ExportPublisher publisher, ExposureOptions options, TimeProvider time, ILogger<ExportPublisherService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ExportInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var exports = await publisher.PublishAsync(stoppingToken);
                if (exports.Count > 0)
                {
                    Published(log, exports.Count, exports.Sum(e => e.KeyCount));
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Data.Common.DbException)
            {
                // The keys stay pending; the next run publishes them.
                Failed(log, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Published {Exports} export file(s) with {Keys} diagnosis key(s)")]
    private static partial void Published(ILogger logger, int exports, int keys);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Export publication failed, pending keys wait for the next run: {Problem}")]
    private static partial void Failed(ILogger logger, string problem);
}
