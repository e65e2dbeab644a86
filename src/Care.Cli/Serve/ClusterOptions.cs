using System.CommandLine;
using System.Net;
using Care.Core.Errors;
using Care.Hermes.Cluster.Hosting;

namespace Care.Cli.Serve;

/// <summary><c>care serve --cluster</c>'s options: ports, address, Orleans's scripts folder and test-speed failure detection.</summary>
internal sealed class ClusterOptions
{
    /// <summary>Where Orleans's PostgreSQL scripts are looked for when <c>--orleans-sql</c> is left out (above the current folder or the program's).</summary>
    public const string VendorRelative = "shared/vendor/orleans-adonet-postgresql";

    public Option<bool> Cluster { get; } = new("--cluster")
    {
        Description = "Join a Hermes cluster (Microsoft Orleans, membership on the --postgres database): a grain per wearer owns its ingest; every silo serves the same HTTP API. Needs --postgres",
    };

    public Option<int> SiloPort { get; } = new("--silo-port")
    {
        Description = "TCP port silos talk to each other on (with --cluster)", DefaultValueFactory = _ => HermesClusterOptions.DefaultSiloPort, HelpName = "PORT",
    };

    public Option<int> GatewayPort { get; } = new("--gateway-port")
    {
        Description = "TCP port of this silo's Orleans gateway (with --cluster)", DefaultValueFactory = _ => HermesClusterOptions.DefaultGatewayPort, HelpName = "PORT",
    };

    public Option<string?> SiloAddress { get; } = new("--silo-address")
    {
        Description = "IP address other silos reach this one at (with --cluster; default 127.0.0.1)", HelpName = "IP",
    };

    public Option<string?> OrleansSql { get; } = new("--orleans-sql")
    {
        Description = $"Folder holding Orleans's PostgreSQL setup scripts (PostgreSQL-Main.sql, PostgreSQL-Clustering.sql; default: {VendorRelative} above the current folder)", HelpName = "DIR",
    };

    public Option<bool> FastFailureDetection { get; } = new("--fast-failure-detection")
    {
        Description = "Declare a silo that stops answering dead in about 2 s instead of 11-14 s (tests and demonstrations on one machine; not production)",
    };

    public IEnumerable<Option> All => [Cluster, SiloPort, GatewayPort, SiloAddress, OrleansSql, FastFailureDetection];

    /// <summary>The silo's options when <c>--cluster</c> was given, else null (single node, no Orleans).</summary>
    public HermesClusterOptions? Read(ParseResult parse, string? postgres)
    {
        if (!parse.GetValue(Cluster))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidInputException("--cluster", "a cluster stores into PostgreSQL and keeps its membership there: give --postgres \"Host=…\" too");
        }
        var address = IPAddress.Loopback;
        if (parse.GetValue(SiloAddress) is { } text && !IPAddress.TryParse(text, out address))
        {
            throw new InvalidInputException("--silo-address", $"'{text}' is not an IP address");
        }
        var options = new HermesClusterOptions
        {
            PostgresConnection = postgres,
            OrleansSqlDirectory = parse.GetValue(OrleansSql) ?? Locate()
                ?? throw new InvalidInputException("--orleans-sql", $"not given, and {VendorRelative} was not found above the current folder or the program's; give the folder holding Orleans's PostgreSQL scripts"),
            Address = address!,
            SiloPort = parse.GetValue(SiloPort),
            GatewayPort = parse.GetValue(GatewayPort),
            FastFailureDetection = parse.GetValue(FastFailureDetection),
        };
        options.Validate();
        return options;
    }

    private static string? Locate()
    {
        foreach (var from in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, VendorRelative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
