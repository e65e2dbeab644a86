using System.Net;
using Care.Cli.Serve;
using Care.Hermes.Hosting;
using Microsoft.AspNetCore.Hosting;
using Care.Hermes.Storage.Sqlite;

namespace Care.Cli.Tests.Security;

/// <summary>How <c>care serve</c> meets the network: TLS, no plain HTTP beyond loopback, and no listening on a database it cannot open.</summary>
public sealed class ServeSecurityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-serve-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5099", "plain HTTP beyond this machine")]
    [InlineData("http://*:5099", "plain HTTP beyond this machine")]
    [InlineData("http://192.0.2.10:5099", "plain HTTP beyond this machine")]
    [InlineData("https://127.0.0.1:5099", "give the server certificate")]
    [InlineData("ftp://127.0.0.1:5099", "is not an http:// or https:// address")]
    public async Task Serve_refuses_unsafe_addresses_before_touching_anything(string url, string cause)
    {
        string db = Path.Combine(_folder, "care.db");
        var (exit, _, error) = await CliRun.RunAsync("serve", "--urls", url, "--db", db, "--model", "none");
        Assert.Equal(2, exit);
        Assert.Contains(cause, error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Serve_exits_2_with_the_cause_when_the_database_cannot_be_opened_and_never_listens()
    {
        string folderAsDb = Directory.CreateDirectory(Path.Combine(_folder, "not-a-file.db")).FullName;
        var (exit, output, error) = await CliRun.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--db", folderAsDb, "--model", "none");
        Assert.Equal(2, exit);
        Assert.Contains("it is a folder", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);

        string garbage = Path.Combine(_folder, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 8192), TestContext.Current.CancellationToken);
        (exit, output, error) = await CliRun.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--db", garbage, "--model", "none");
        Assert.Equal(2, exit);
        Assert.Contains("not a database", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_beyond_loopback_is_allowed_only_when_asked()
    {
        Assert.NotEmpty(ServeTls.CheckUrls("http://0.0.0.0:80", allowHttp: true, haveCertificate: false));
        Assert.NotEmpty(ServeTls.CheckUrls("http://localhost:80;http://[::1]:81;https://0.0.0.0:443", allowHttp: false, haveCertificate: true));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_generated_development_certificate_serves_https_that_a_client_pinning_it_accepts_and_others_refuse()
    {
        string db = Path.Combine(_folder, "care.db");
        var (certificate, publicPath) = ServeTls.Development(db, TimeProvider.System);
        Assert.True(File.Exists(publicPath));
#pragma warning disable CA1416 // Linux CI
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db + ".tls.pfx"));
#pragma warning restore CA1416
        // The same certificate is reused on the next start.
        Assert.Equal(certificate.Thumbprint, ServeTls.Development(db, TimeProvider.System).Certificate.Thumbprint);
        await using var app = HermesApp.Build(SqliteBackend.Options(db), "https://127.0.0.1:0", builder =>
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate)));
        await app.StartAsync(TestContext.Current.CancellationToken);
        string url = app.Urls.Single();
        Assert.StartsWith("https://", url, StringComparison.Ordinal);

        string pinned = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(publicPath).Thumbprint;
        using var trusting = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == pinned },
        });
        Assert.Equal(HttpStatusCode.OK, (await trusting.GetAsync(url + "/healthz", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trusting.GetAsync(url + "/readyz", TestContext.Current.CancellationToken)).StatusCode);
        using var strict = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync(url + "/healthz", TestContext.Current.CancellationToken));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
