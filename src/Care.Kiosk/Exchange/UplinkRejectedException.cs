using System.Net;

namespace Care.Kiosk.Exchange;

/// <summary>
/// Hermes answered and refused the request (a 4xx other than 408 and 429): sending the same request
/// again will be refused again. For an upload the data stays on the patch.
/// </summary>
public sealed class UplinkRejectedException(HttpStatusCode status, string message) : Exception(message)
{
    /// <summary>The HTTP status Hermes answered with.</summary>
    public HttpStatusCode Status { get; } = status;
}
