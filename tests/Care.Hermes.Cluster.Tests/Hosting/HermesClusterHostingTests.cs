using Care.Core.Errors;
using Care.Hermes.Cluster.Hosting;

namespace Care.Hermes.Cluster.Tests.Hosting;

/// <summary>What a silo checks before it starts: PostgreSQL reachable, Orleans's scripts present, ports valid and free.</summary>
public sealed class HermesClusterHostingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Given_a_silo_that_cannot_reach_PostgreSQL_When_it_prepares_Then_the_error_names_the_server_and_database()
    {
        int closed = ClusterPaths.FreePort();
        var options = Options($"Host=127.0.0.1;Port={closed};Username=care;Database=care_cluster;Timeout=3");

        var error = await Assert.ThrowsAsync<IOException>(() => HermesClusterHosting.PrepareAsync(options, Cancel));

        Assert.Contains($"PostgreSQL 127.0.0.1:{closed}/care_cluster", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot prepare Orleans's membership tables", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_no_Orleans_scripts_folder_When_a_silo_prepares_Then_the_folder_and_option_are_named_before_PostgreSQL_is_tried()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-orleans-sql-" + Guid.NewGuid().ToString("N"));
        var options = Options("Host=127.0.0.1;Port=1;Username=care") with { OrleansSqlDirectory = missing };

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => HermesClusterHosting.PrepareAsync(options, Cancel));

        Assert.Equal("--orleans-sql", error.Errors[0].Where);
        Assert.Contains(missing, error.Errors[0].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_taken_silo_port_When_a_silo_prepares_Then_the_port_option_is_named()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int taken = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var options = Options("Host=127.0.0.1;Port=1;Username=care") with { SiloPort = taken };

            var error = await Assert.ThrowsAsync<InvalidInputException>(() => HermesClusterHosting.PrepareAsync(options, Cancel));

            Assert.Equal("--silo-port", error.Errors[0].Where);
            Assert.Contains($"port {taken}", error.Errors[0].Problem, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Given_the_same_port_for_silo_and_gateway_When_validated_Then_the_gateway_port_is_named()
    {
        var options = Options("Host=127.0.0.1;Username=care") with { SiloPort = 12000, GatewayPort = 12000 };

        var error = Assert.Throws<InvalidInputException>(options.Validate);

        Assert.Equal("--gateway-port", error.Errors[0].Where);
    }

    private static HermesClusterOptions Options(string postgres) => new()
    {
        PostgresConnection = postgres,
        OrleansSqlDirectory = ClusterPaths.OrleansSql(),
        SiloPort = ClusterPaths.FreePort(),
        GatewayPort = ClusterPaths.FreePort(),
    };
}
