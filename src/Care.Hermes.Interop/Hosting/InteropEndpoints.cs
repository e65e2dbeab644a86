using Care.Hermes.Interop.Fhir;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Interop.Hosting;

/// <summary>Maps the interoperability endpoints onto a Hermes application.</summary>
public static class InteropEndpoints
{
    /// <summary>Maps <c>/fhir</c> (FHIR R4 export and import).</summary>
    public static IEndpointRouteBuilder MapCareInterop(this IEndpointRouteBuilder app)
    {
        app.MapFhir();
        return app;
    }
}
