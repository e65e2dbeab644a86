using Care.Hermes.Hosting;
using Care.Hermes.Interop.Fhir;
using Care.Hermes.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Interop.Hosting;

/// <summary>Registers the interoperability services (FHIR import) on top of Hermes's.</summary>
public static class InteropServiceCollectionExtensions
{
    /// <summary>Adds the FHIR importer; call after or before <c>AddCareHermes</c>, before the app is built.</summary>
    public static IServiceCollection AddCareInterop(this IServiceCollection services)
    {
        services.AddSingleton(sp => new FhirImporter(
            sp.GetRequiredService<BundleIngestor>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<HermesOptions>().Limits));
        return services;
    }
}
