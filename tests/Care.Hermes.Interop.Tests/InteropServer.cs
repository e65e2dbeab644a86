using System.Net.Http.Headers;
using Care.Core.Bundles;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Interop.Hosting;
using Care.Hermes.Storage.Sqlite;
using Care.Hermes.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Interop.Tests;

/// <summary>Hermes with the interop endpoints, in memory on a temporary database with a fake clock (as <c>care serve</c> composes it).</summary>
internal sealed class InteropServer : IAsyncDisposable
{
    private readonly TempDatabase _db = new();
    private readonly WebApplication _app;
    private TestDevices? _devices;

    private InteropServer()
    {
        Clock = new FakeTimeProvider(Vitals.Now);
        _app = HermesApp.Build(SqliteBackend.Options(_db.Path), configure: builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Services.AddCareInterop();
        });
        _app.MapCareInterop();
    }

    public FakeTimeProvider Clock { get; }

    public TempDatabase Database => _db;

    public IServiceProvider Services => _app.Services;

    public Storage.IHermesStore Store => _app.Services.GetRequiredService<Storage.IHermesStore>();

    public TestDevices Devices => _devices ??= new TestDevices(Store, _app.Services.GetRequiredService<Trust.Identity.HybridKemPrivateKey>().PublicKey);

    public static async Task<InteropServer> StartAsync()
    {
        var server = new InteropServer();
        await server._app.StartAsync();
        return server;
    }

    /// <summary>Seals and ingests a bundle as its patch would.</summary>
    public async Task IngestAsync(Bundle bundle) =>
        await _app.Services.GetRequiredService<Ingest.BundleIngestor>().IngestAsync(await Devices.SealAsync(bundle));

    public HttpClient Client(string? token = null)
    {
        var client = _app.GetTestClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task<HttpClient> ClientAsync(Role role, IReadOnlyCollection<Core.Ids.WearerId>? wearers = null)
    {
        var (_, token) = await _app.Services.GetRequiredService<TokenIssuer>().CreateAsync(role, wearers: wearers);
        return Client(token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _db.Dispose();
    }
}
