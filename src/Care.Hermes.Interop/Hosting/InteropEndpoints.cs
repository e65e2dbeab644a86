using Care.Hermes.Interop.Fhir;
using Care.Hermes.Interop.Nightscout;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Interop.Hosting;

/// <summary>Maps the interoperability endpoints onto a Hermes application.</summary>
public static class InteropEndpoints
{
    /// <summary>Maps <c>/fhir</c> (FHIR R4 export and import) and <c>/nightscout/{wearer}/api/v1</c> (Nightscout API v1).</summary>
    public static IEndpointRouteBuilder MapCareInterop(this IEndpointRouteBuilder app)
    {
        app.MapFhir();
        app.MapNightscout();
        return app;
    }
}
