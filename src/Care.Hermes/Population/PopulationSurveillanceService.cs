using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Population;

/// <summary>
/// Runs <see cref="PopulationSurveillance"/> once per UTC day, for the day just ended: checks every hour whether
/// yesterday was run (a restart reruns it, which changes nothing).
/// </summary>
public sealed partial class PopulationSurveillanceService(PopulationSurveillance surveillance, TimeProvider time, ILogger<PopulationSurveillanceService> log) : BackgroundService
{
    private DateOnly? _done;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
            if (_done != yesterday)
            {
                try
                {
                    var signals = await surveillance.RunDayAsync(yesterday, stoppingToken);
                    _done = yesterday;
                    Ran(log, yesterday, signals.Count);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Failed(log, yesterday, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Population surveillance ran {Day}: {Signals} signal(s)")]
    private static partial void Ran(ILogger logger, DateOnly day, int signals);

    [LoggerMessage(Level = LogLevel.Error, Message = "Population surveillance of {Day} failed; retried within the hour")]
    private static partial void Failed(ILogger logger, DateOnly day, Exception error);
}
