using Care.Hermes.Access;
using Care.Hermes.Ingest;
using Care.Hermes.Ledger;
using Care.Hermes.Risk;
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
    /// <summary>Adds storage (SQLite), ingest (with the sepsis model when <see cref="HermesOptions.SepsisModelPath"/> is set), tokens, authentication and role policies.</summary>
    /// <exception cref="Core.Errors.InvalidInputException">The sepsis model file is missing or malformed (named in the message).</exception>
    public static IServiceCollection AddCareHermes(this IServiceCollection services, HermesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IHermesStore>(sp => SqliteHermesStore.Open(options.DatabasePath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => HermesKeys.Recipient(options.DatabasePath));
        var modelRisk = options.SepsisModelPath is null ? null : SepsisRiskScoring.Load(options.SepsisModelPath, options.ModelScorerCapacity);
        services.AddSingleton(sp => new TreeHeadSchedule(sp.GetRequiredService<IHermesStore>(), options.TreeHeadInterval));
        services.AddHostedService<TreeHeadSigner>();
        services.AddSingleton(sp => new BundleIngestor(
            sp.GetRequiredService<IHermesStore>(), sp.GetRequiredService<HybridKemPrivateKey>(), sp.GetRequiredService<TimeProvider>(), options.Limits, modelRisk)
        {
            TreeHeads = sp.GetRequiredService<TreeHeadSchedule>(),
        });
        services.AddSingleton<TokenIssuer>();
        services.AddCareRateLimits(options);
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
