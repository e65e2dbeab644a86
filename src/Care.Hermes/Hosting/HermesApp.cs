using Care.Hermes.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Care.Hermes.Hosting;

/// <summary>Builds the Hermes web application: <c>care serve</c> runs it, tests host it in memory.</summary>
public static class HermesApp
{
    /// <summary>Creates the application builder with Hermes's services registered.</summary>
    /// <param name="options">Database and limits.</param>
    /// <param name="urls">Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c>; null keeps the host's default.</param>
    /// <param name="configure">Extra service registrations (tests put a fake clock or a test server here).</param>
    public static WebApplication Build(HermesOptions options, string? urls = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        // The slim builder leaves https:// addresses out unless asked: care serve --cert / --dev-cert needs them.
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }
        RequestLog.Quiet(builder.Logging);
        configure?.Invoke(builder);
        builder.Services.AddCareHermes(options);
        var app = builder.Build();
        app.UseRequestLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapHealth();
        var v1 = app.MapGroup("/v1");
        v1.MapBundles();
        v1.MapWearerList();
        v1.MapWearers();
        v1.MapAlerts();
        v1.MapTokens();
        v1.MapDevices();
        v1.MapModels();
        v1.MapTherapy();
        v1.MapLedger();
        v1.MapPublicHealth();
        v1.MapExposure();
        v1.MapCampaigns();
        return app;
    }
}
