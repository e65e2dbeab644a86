using System.Globalization;
using Care.Core.Errors;
using Care.Hermes.Access;
using Care.Hermes.Population;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>
/// <c>GET /v1/public-health/counts</c> and <c>/signals</c>: the population view, public-health tokens only. Aggregates
/// per region and day with counts under 10 suppressed (null); nothing here names or reads a wearer.
/// </summary>
internal static class PublicHealthEndpoints
{
    private const int MaxDays = 366;

    public static void MapPublicHealth(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/public-health").RequireAuthorization(Policies.PublicHealth);
        group.MapGet("/counts", CountsAsync)
            .WithName("GetPublicHealthCounts")
            .WithSummary("Daily counts per region (wearers counted, fever >= 38.0 C, resting heart rate raised against the wearer's own baseline, new AF episodes, exposure notifications) for days from..to (yyyy-MM-dd, UTC; default the 28 days before today; at most 366), optionally of one region. Counts under 10 are null (suppressed).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/signals", SignalsAsync)
            .WithName("GetPublicHealthSignals")
            .WithSummary("Outbreak signals raised by the daily population surveillance (each also an OutbreakSignalRaised ledger act), of days on or after 'since' (yyyy-MM-dd, optional), newest first, at most 'limit' (default 1,000). The observed count is null when under 10.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> CountsAsync(string? from, string? to, string? region, IPopulationStore population, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var last = Day(to, "to") ?? today.AddDays(-1);
        var first = Day(from, "from") ?? last.AddDays(-27);
        if (first > last)
        {
            throw new InvalidInputException("from", $"{first:yyyy-MM-dd} is after to {last:yyyy-MM-dd}");
        }
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            throw new InvalidInputException("from", $"the range {first:yyyy-MM-dd}..{last:yyyy-MM-dd} is longer than {MaxDays} days");
        }
        if (region is not null && (region.Length is 0 or > 200))
        {
            throw new InvalidInputException("region", "must be 1-200 characters");
        }
        var counts = await population.GetDailyCountsAsync(first, last, region, cancellationToken);
        return Results.Ok(new
        {
            from = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            suppressedBelow = PopulationView.MinimumCount,
            counts = counts.Select(c => new
            {
                region = c.Region,
                day = c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                wearers = PopulationView.Suppress(c.Wearers),
                fever = PopulationView.Suppress(c.Fever),
                raisedRestingHeartRate = PopulationView.Suppress(c.RaisedRestingHeartRate),
                newAfEpisodes = PopulationView.Suppress(c.NewAfEpisodes),
                exposureNotifications = PopulationView.Suppress(c.ExposureNotifications),
            }),
        });
    }

    private static async Task<IResult> SignalsAsync(string? since, string? limit, IPopulationStore population, CancellationToken cancellationToken)
    {
        var signals = await population.GetSignalsAsync(Day(since, "since"), QueryText.Limit(limit, 1000, 10_000), cancellationToken);
        return Results.Ok(new
        {
            suppressedBelow = PopulationView.MinimumCount,
            signals = signals.Select(s => new
            {
                id = s.Id,
                region = s.Region,
                day = s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                measure = s.Measure.ToName(),
                observed = PopulationView.Suppress(s.Observed),
                expected = Math.Round(s.Expected, 3),
                score = Math.Round(s.Score, 3),
                detector = s.Detector,
                raisedAt = s.RaisedAt,
            }),
        });
    }

    private static DateOnly? Day(string? text, string name) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new InvalidInputException(name, $"'{text}' is not a day (yyyy-MM-dd)");
}
