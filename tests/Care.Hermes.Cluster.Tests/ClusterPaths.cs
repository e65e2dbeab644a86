using System.Net;
using System.Net.Sockets;

namespace Care.Hermes.Cluster.Tests;

/// <summary>Where the tests find Orleans's vendored scripts and the built <c>care</c> program, and free loopback ports.</summary>
internal static class ClusterPaths
{
    /// <summary>Orleans's PostgreSQL setup scripts, read from the shared folder (never copied into the repository).</summary>
    public static string OrleansSql()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "vendor", "orleans-adonet-postgresql");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        Assert.Skip("shared/vendor/orleans-adonet-postgresql was not found above the test's folder: Orleans's PostgreSQL scripts are read from there");
        return "";
    }

    /// <summary>The repository's root (the folder holding Care.slnx).</summary>
    public static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Care.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Care.slnx was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A loopback TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
