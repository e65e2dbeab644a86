using Care.Hermes.Console.Admin;
using Care.Hermes.Console.Alerts;
using Care.Hermes.Console.Ledger;
using Care.Hermes.Console.SignIn;
using Care.Hermes.Console.Wearers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Hosting;

/// <summary>Maps the console into a Hermes web application (after <c>HermesApp.Build</c>, beside the JSON API).</summary>
public static class ConsoleEndpoints
{
    /// <summary>
    /// Adds the console's security headers to <c>/console</c> answers and maps its pages and static
    /// files. Requires <see cref="ConsoleServiceCollectionExtensions.AddCareConsole"/> on the builder's services.
    /// </summary>
    public static WebApplication MapCareConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(SecurityHeaders.ApplyAsync);
        var console = app.MapGroup(ConsoleAuth.Prefix).ExcludeFromDescription().DisableAntiforgery();
        console.MapGet("/static/{**path}", StaticFiles.Serve).AllowAnonymous();
        console.MapGet("/sign-in", SignInPages.Form).AllowAnonymous();
        console.MapPost("/sign-in", SignInPages.SignInAsync).AllowAnonymous();
        console.MapPost("/sign-out", (Delegate)SignInPages.SignOutAsync).RequireAuthorization(ConsoleAuth.SessionPolicy);
        console.MapGet("/denied", SignInPages.Denied).RequireAuthorization(ConsoleAuth.SessionPolicy);
        console.MapGet("/", SignInPages.Home).RequireAuthorization(ConsoleAuth.SessionPolicy);
        console.MapGet("/alerts", AlertInbox.ShowAsync).RequireAuthorization(ConsoleAuth.ClinicianPolicy);
        console.MapPost("/alerts/{id}/ack", AlertInbox.AcknowledgeAsync).RequireAuthorization(ConsoleAuth.ClinicianPolicy);
        console.MapGet("/wearers", WearerListPage.ShowAsync).RequireAuthorization(ConsoleAuth.ClinicianPolicy);
        console.MapGet("/wearers/{id}", TimelinePage.ShowAsync).RequireAuthorization(ConsoleAuth.ClinicianPolicy);
        console.MapGet("/wearers/{id}/ledger", LedgerPage.ShowAsync).RequireAuthorization(ConsoleAuth.ClinicianPolicy);
        console.MapGet("/admin/tokens", TokenListPage.ShowAsync).RequireAuthorization(ConsoleAuth.AdminPolicy);
        return app;
    }
}
