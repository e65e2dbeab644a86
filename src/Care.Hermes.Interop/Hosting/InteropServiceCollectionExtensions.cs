using Care.Hermes.Hosting;
using Care.Hermes.Interop.Fhir;
using Care.Hermes.Ingest;
using Care.Hermes.Interop.Nightscout;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Interop.Hosting;

/// <summary>Registers the interoperability services (FHIR import) on top of Hermes's.</summary>
public static class InteropServiceCollectionExtensions
{
    /// <summary>Adds the FHIR importer and the Nightscout secrets; call after or before <c>AddCareHermes</c>, before the app is built.</summary>
    public static IServiceCollection AddCareInterop(this IServiceCollection services)
    {
        services.AddSingleton(sp => new FhirImporter(
            sp.GetRequiredService<BundleIngestor>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<HermesOptions>().Limits));
        services.AddSingleton(sp => new NightscoutSecrets(
            sp.GetRequiredService<Storage.IHermesStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<HermesOptions>().DatabasePath));
        return services;
    }
}
