using System.Diagnostics;

namespace Care.Hermes.Cluster.Tests;

/// <summary>One <c>care serve --cluster</c> process.</summary>
internal sealed class SiloProcess
{
    private readonly Process _process;

    private SiloProcess(int index, Process process, Uri url, int siloPort, int gatewayPort)
    {
        Index = index;
        _process = process;
        Url = url;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int Index { get; }

    public Uri Url { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts silo <paramref name="index"/>, on <paramref name="previous"/>'s ports when it is a restart.</summary>
    public static SiloProcess Start(int index, string postgres, string keys, string folder, SiloProcess? previous = null)
    {
        var url = previous?.Url ?? new Uri($"http://127.0.0.1:{ClusterPaths.FreePort()}");
        int siloPort = previous?.SiloPort ?? ClusterPaths.FreePort();
        int gatewayPort = previous?.GatewayPort ?? ClusterPaths.FreePort();
        string care = CareDll();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ClusterPaths.Repository(),
        };
        foreach (var arg in new[]
        {
            care, "serve", "--cluster", "--postgres", postgres, "--db", keys, "--urls", url.ToString().TrimEnd('/'),
            "--silo-port", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--orleans-sql", ClusterPaths.OrleansSql(), "--fast-failure-detection", "--model", "none", "--tree-head-interval", "1",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StreamWriter(Path.Combine(folder, $"silo-{index}-{process.Id}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (output) { if (e.Data is not null) { output.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { lock (output) { if (e.Data is not null) { output.WriteLine("err: " + e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(index, process, url, siloPort, gatewayPort);
    }

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"silo {Index} exited with {(_process.HasExited ? _process.ExitCode : 0)} before it was ready");
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/readyz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
            Assert.True(DateTime.UtcNow < until, $"silo {Index} was not ready at {Url} within {timeout.TotalSeconds} s");
            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to leave the cluster or finish a transaction.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    private static string CareDll()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string path = Path.Combine(ClusterPaths.Repository(), "src", "Care.Cli", "bin", configuration, "net10.0", "care.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build src/Care.Cli first (scripts/cluster-kill.sh does)");
        return path;
    }
}
