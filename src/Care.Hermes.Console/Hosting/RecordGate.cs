using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Console.Html;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Hosting;

/// <summary>
/// The gate of every console view of a wearer's record, the same rule as the JSON API's reads:
/// refused (403) when the session's care team does not include the wearer, 404 when the wearer is
/// unknown; otherwise a <c>RecordAccessed</c> entry (token, role, wearer, time, what) is written to
/// the ledger before any data is read. Stateless.
/// </summary>
internal static class RecordGate
{
    /// <summary>Null when the view may go ahead (and is now in the ledger); otherwise the refusal page.</summary>
    public static async Task<IResult?> OpenAsync(string id, string action, HttpContext http, IHermesStore store, TimeProvider time)
    {
        if (!WearerId.TryParse(id, out var wearer))
        {
            return Page.Problem(http, StatusCodes.Status400BadRequest, "Not a wearer id", $"'{id}' is not a wearer id.");
        }
        var caller = Caller.From(http.User);
        if (!caller.MayRead(wearer))
        {
            return Page.Problem(http, StatusCodes.Status403Forbidden, "Outside your care team", $"This session may open only its care team's wearers, and '{wearer}' is not one of them.");
        }
        if (!await store.WearerExistsAsync(wearer, http.RequestAborted))
        {
            return Page.Problem(http, StatusCodes.Status404NotFound, "Unknown wearer", $"No data is stored for wearer '{wearer}'.");
        }
        await store.RecordAccessAsync(caller.TokenId, caller.Role, [wearer], time.GetUtcNow(), action, http.RequestAborted);
        return null;
    }
}
