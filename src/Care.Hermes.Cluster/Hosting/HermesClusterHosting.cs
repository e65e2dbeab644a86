using System.Net;
using System.Net.Sockets;
using Care.Hermes.Cluster.Schema;
using Care.Hermes.Cluster.Wearers;
using Care.Hermes.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Care.Hermes.Cluster.Hosting;

/// <summary>
/// Turns a Hermes host into a silo of a Hermes cluster: <see cref="PrepareAsync"/> before building (ports,
/// scripts, membership tables), then <see cref="AddCareHermesCluster"/> on the builder (Orleans with
/// ADO.NET membership on the same PostgreSQL, and the wearer grain as the owner of each wearer's ingest).
/// Every silo serves the same HTTP API; which silo a request reaches does not matter.
/// </summary>
public static class HermesClusterHosting
{
    /// <summary>
    /// What must hold before a silo starts: the ports are free, Orleans's scripts are readable, and the
    /// membership tables are in the database (installed once when absent).
    /// </summary>
    /// <exception cref="Core.Errors.InvalidInputException">A port is taken or invalid, or the scripts are missing (named).</exception>
    /// <exception cref="IOException">PostgreSQL cannot be reached or the Orleans tables are damaged (named).</exception>
    public static async Task PrepareAsync(HermesClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckFree(options.Address, options.SiloPort, "--silo-port");
        CheckFree(options.Address, options.GatewayPort, "--gateway-port");
        var scripts = OrleansSqlScripts.Load(options.OrleansSqlDirectory);
        await OrleansSchema.EnsureAsync(options.PostgresConnection, scripts, cancellationToken);
    }

    /// <summary>Adds the Orleans silo and routes every opened upload to its wearer's grain.</summary>
    public static WebApplicationBuilder AddCareHermesCluster(this WebApplicationBuilder builder, HermesClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        builder.Services.AddSingleton<IWearerIngestRouter>(sp => new GrainWearerRouter(sp.GetRequiredService<IGrainFactory>()));
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Orleans", LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.PostgresConnection;
            });
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = "care-hermes";
            });
            silo.ConfigureEndpoints(options.Address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            if (options.FastFailureDetection)
            {
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                });
            }
        });
        return builder;
    }

    /// <summary>Binds and releases the port, so a taken one is named now rather than as a socket error deep inside Orleans's start.</summary>
    private static void CheckFree(IPAddress address, int port, string option)
    {
        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException e)
        {
            throw new Core.Errors.InvalidInputException(option, $"port {port} on {address} is taken or not allowed ({e.SocketErrorCode}); give a free port");
        }
    }
}
