using Care.Hermes.Access;
using Care.Hermes.Alerts;
using Care.Hermes.Ingest;
using Care.Hermes.Ledger;
using Care.Hermes.Population;
using Care.Hermes.Risk;
using Care.Hermes.Storage;
using Care.Hermes.Therapy;
using Care.Trust.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Care.Hermes.Hosting;

/// <summary>Registers Hermes's services.</summary>
public static class HermesServiceCollectionExtensions
{
    /// <summary>
    /// Adds Hermes composed by <see cref="HermesComposition.Open"/> (storage from <see cref="HermesOptions.Backend"/>,
    /// ingest with the sepsis model when <see cref="HermesOptions.SepsisModelPath"/> is set), tokens,
    /// authentication and role policies. The store opens when first resolved.
    /// </summary>
    /// <exception cref="Core.Errors.InvalidInputException">No backend was chosen, or the sepsis model file is missing or malformed (named in the message).</exception>
    public static IServiceCollection AddCareHermes(this IServiceCollection services, HermesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        if (options.Backend is null)
        {
            throw new Core.Errors.InvalidInputException(nameof(HermesOptions.Backend), "no storage backend chosen; set HermesOptions.Backend (e.g. SqliteBackend.Instance from Care.Hermes.Storage.Sqlite)");
        }
        // The model loads now, so a bad file fails the start rather than the first upload.
        var modelRisk = options.SepsisModelPath is null ? null : SepsisRiskScoring.Load(options.SepsisModelPath, options.ModelScorerCapacity);
        // A cluster registers an IWearerIngestRouter (the wearer's grain); a single process has none and stores uploads itself.
        services.AddSingleton(sp => HermesComposition.Open(options, sp.GetRequiredService<TimeProvider>(), modelRisk, sp.GetService<IWearerIngestRouter>()));
        // The container disposes both the composition and the store it hands out; a store's disposal is idempotent.
        services.AddSingleton<IHermesStore>(sp => sp.GetRequiredService<HermesComposition>().Store);
        services.AddSingleton<HybridKemPrivateKey>(sp => sp.GetRequiredService<HermesComposition>().Recipient);
        services.AddSingleton<TreeHeadSchedule>(sp => sp.GetRequiredService<HermesComposition>().TreeHeads);
        services.AddSingleton<BundleIngestor>(sp => sp.GetRequiredService<HermesComposition>().Ingestor);
        services.AddSingleton<AlertAcknowledger>(sp => sp.GetRequiredService<HermesComposition>().Alerts);
        services.AddSingleton<DosePlans>(sp => sp.GetRequiredService<HermesComposition>().DosePlans);
        services.AddSingleton(options.Exposure);
        services.AddSingleton<Exposure.IExposureStore>(sp => (Exposure.IExposureStore)sp.GetRequiredService<HermesComposition>().Store);
        services.AddSingleton<Exposure.ExposureService>(sp => sp.GetRequiredService<HermesComposition>().Exposure);
        services.AddSingleton<Exposure.ExportPublisher>(sp => sp.GetRequiredService<HermesComposition>().Exports);
        services.AddHostedService<Exposure.ExportPublisherService>();
        services.AddSingleton(new Campaigns.CampaignDesigner(options.RnaDataFolder));
        services.AddSingleton(sp => new Campaigns.VaccineCampaigns(sp.GetRequiredService<IHermesStore>(), sp.GetRequiredService<Campaigns.CampaignDesigner>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<LedgerSequencerService>();
        services.AddHostedService<TreeHeadSigner>();
        services.AddSingleton<TokenIssuer>();
        // The population view (issue 13, item 8): aggregates only. Exposure notifications come from the anonymous
        // per-region counts kiosks report to the exposure store.
        services.TryAddSingleton<IPopulationCounts, ExposureNotificationCounts>();
        services.AddSingleton<IPopulationStore>(sp => sp.GetRequiredService<IHermesStore>() as IPopulationStore
            ?? throw new InvalidOperationException("the storage backend does not implement the population view (IPopulationStore)"));
        services.AddSingleton<PopulationCounter>();
        services.AddSingleton(sp => new PopulationSurveillance(sp.GetRequiredService<PopulationCounter>(), sp.GetRequiredService<IPopulationStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<PopulationSurveillanceService>();
        services.AddCareRateLimits(options);
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Device, p => p.RequireRole(nameof(Role.Device)))
            .AddPolicy(Policies.Clinician, p => p.RequireRole(nameof(Role.Clinician)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Role.Admin)))
            .AddPolicy(Policies.PublicHealth, p => p.RequireRole(nameof(Role.PublicHealth)));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        return services;
    }
}
