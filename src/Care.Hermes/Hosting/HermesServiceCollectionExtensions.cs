using Care.Hermes.Access;
using Care.Hermes.Ingest;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Sqlite;
using Care.Trust.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Care.Hermes.Hosting;

/// <summary>Registers Hermes's services.</summary>
public static class HermesServiceCollectionExtensions
{
    /// <summary>Adds storage (SQLite), ingest, tokens, authentication and role policies.</summary>
    public static IServiceCollection AddCareHermes(this IServiceCollection services, HermesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IHermesStore>(sp => SqliteHermesStore.Open(options.DatabasePath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => HermesKeys.Recipient(options.DatabasePath));
        services.AddSingleton(sp => new BundleIngestor(
            sp.GetRequiredService<IHermesStore>(), sp.GetRequiredService<HybridKemPrivateKey>(), sp.GetRequiredService<TimeProvider>(), options.Limits));
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Device, p => p.RequireRole(nameof(Role.Device)))
            .AddPolicy(Policies.Clinician, p => p.RequireRole(nameof(Role.Clinician)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Role.Admin)));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        return services;
    }
}
