using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Hosting;

/// <summary>
/// Request limits per token and per network address (ASP.NET Core's rate limiter, fixed one-minute
/// windows, chained: a request must fit both). Over a limit the answer is 429 with <c>Retry-After</c>
/// in seconds and a problem body; health probes are never limited.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddCareRateLimits(this IServiceCollection services, HermesOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } token && options.RequestsPerTokenPerMinute > 0
                        ? RateLimitPartition.GetFixedWindowLimiter("token:" + token, _ => Window(options.RequestsPerTokenPerMinute))
                        : RateLimitPartition.GetNoLimiter("token:none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    options.RequestsPerAddressPerMinute > 0
                        ? RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local"), _ => Window(options.RequestsPerAddressPerMinute))
                        : RateLimitPartition.GetNoLimiter("address:none")));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                int seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"this token or address made too many requests; retry after {seconds} s",
                    },
                });
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
