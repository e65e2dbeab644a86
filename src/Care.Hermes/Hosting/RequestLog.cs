using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Hosting;

/// <summary>
/// One log line per request: method, the matched route <em>pattern</em> (never the path itself, which
/// may hold a wearer id), status and duration. ASP.NET Core's own per-request lines are filtered to
/// warnings by <see cref="Quiet"/>; <c>Logging__LogLevel__Default</c> and
/// <c>Logging__LogLevel__Care.Hermes.Requests</c> (environment or configuration) change either.
/// </summary>
public static partial class RequestLog
{
    /// <summary>The log category of the request lines.</summary>
    public const string Category = "Care.Hermes.Requests";

    /// <summary>
    /// Sets the default output: one line per message with a UTC time, framework noise (including the
    /// host's start-up banner, which <c>care serve</c> replaces with its own line) at Warning, Hermes's
    /// own lines at Information.
    /// </summary>
    public static void Quiet(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
        });
        logging.AddFilter("Microsoft", LogLevel.Warning);
    }

    /// <summary>Adds the one-line-per-request middleware.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                    Handled(logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        });
    }

    [LoggerMessage(10, LogLevel.Information, "{Method} {Route} {Status} {ElapsedMs:0.0} ms")]
    private static partial void Handled(ILogger logger, string method, string route, int status, double elapsedMs);
}
