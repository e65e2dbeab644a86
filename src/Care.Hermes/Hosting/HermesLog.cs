using Care.Hermes.Ingest;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Hosting;

/// <summary>Hermes's log messages. They carry ids and counts, never a wearer's data or id.</summary>
internal static partial class HermesLog
{
    [LoggerMessage(1, LogLevel.Information, "Bundle {BundleId} {Status}: {Observations} observations, {Alerts} alerts")]
    public static partial void BundleIngested(ILogger logger, Guid bundleId, IngestStatus status, int observations, int alerts);

    [LoggerMessage(2, LogLevel.Information, "Token {TokenId} created for role {Role}")]
    public static partial void TokenCreated(ILogger logger, string tokenId, Access.Role role);
}
