using System.Net;

namespace Care.Hermes.Cluster.Hosting;

/// <summary>How one silo joins a Hermes cluster (<c>care serve --cluster</c>). Immutable.</summary>
public sealed record HermesClusterOptions
{
    /// <summary>Default silo-to-silo port (Orleans's own default).</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Default gateway port (Orleans's own default).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The Npgsql connection string of the PostgreSQL database Hermes stores into; membership lives there too.</summary>
    public required string PostgresConnection { get; init; }

    /// <summary>The folder holding Orleans's PostgreSQL setup scripts (<see cref="Schema.OrleansSqlScripts"/>).</summary>
    public required string OrleansSqlDirectory { get; init; }

    /// <summary>The address other silos reach this one at (default loopback).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port silos talk to each other on (1–65535).</summary>
    public int SiloPort { get; init; } = DefaultSiloPort;

    /// <summary>The TCP port Orleans clients connect to (1–65535, not <see cref="SiloPort"/>).</summary>
    public int GatewayPort { get; init; } = DefaultGatewayPort;

    /// <summary>The cluster's id: silos with the same id on one database form one cluster.</summary>
    public string ClusterId { get; init; } = "care-hermes";

    /// <summary>
    /// Declare a silo that stops answering dead in about 2 s instead of Orleans's 11–14 s (probe time-out
    /// 1 s, 2 missed probes, 1 vote, table refresh 2 s). For tests and demonstrations on one machine, not
    /// production: a loaded machine's pauses then read as deaths.
    /// </summary>
    public bool FastFailureDetection { get; init; }

    /// <summary>Checks the ports.</summary>
    /// <exception cref="Core.Errors.InvalidInputException">A port is outside 1–65535, or both are the same (named).</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PostgresConnection);
        if (SiloPort is < 1 or > 65_535)
        {
            throw new Core.Errors.InvalidInputException("--silo-port", $"{SiloPort} is not a TCP port (1-65535)");
        }
        if (GatewayPort is < 1 or > 65_535)
        {
            throw new Core.Errors.InvalidInputException("--gateway-port", $"{GatewayPort} is not a TCP port (1-65535)");
        }
        if (SiloPort == GatewayPort)
        {
            throw new Core.Errors.InvalidInputException("--gateway-port", $"the gateway port {GatewayPort} is the silo port too; give two different ports");
        }
    }
}
