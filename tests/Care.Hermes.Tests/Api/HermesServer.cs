using System.Net.Http.Headers;
using Care.Core.Bundles;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Care.Hermes.Storage.Sqlite;

namespace Care.Hermes.Tests.Api;

/// <summary>Hermes in memory (ASP.NET Core test server) on a temporary database, with a fake clock.</summary>
internal sealed class HermesServer : IAsyncDisposable
{
    private readonly TempDatabase _db = new();
    private readonly WebApplication _app;

    private HermesServer(BundleLimits limits, string? sepsisModelPath, Func<HermesOptions, HermesOptions>? options)
    {
        Clock = new FakeTimeProvider(Vitals.Now);
        var settings = SqliteBackend.Options(_db.Path) with { Limits = limits, SepsisModelPath = sepsisModelPath };
        _app = HermesApp.Build(options is null ? settings : options(settings), configure: builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Logging.AddProvider(Logs);
        });
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Every log line the server wrote (after the host's filters).</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Seals bundles as registered patches of this server.</summary>
    public TestDevices Devices => _devices ??= new TestDevices(
        _app.Services.GetRequiredService<Storage.IHermesStore>(), _app.Services.GetRequiredService<Trust.Identity.HybridKemPrivateKey>().PublicKey);

    private TestDevices? _devices;

    public TempDatabase Database => _db;

    /// <summary>The database once the ledger's outbox is drained (what the background sequencer does within its interval; the test clock does not tick it).</summary>
    public async Task<TempDatabase> SequencedAsync()
    {
        if (Store is Hermes.Ledger.ILedgerOutboxStore outbox)
        {
            await outbox.Sequencer.SequenceAsync();
        }
        return _db;
    }

    /// <summary>Starts a server; with <paramref name="sepsisModelPath"/> it also scores the sepsis model and raises its alerts.</summary>
    public static async Task<HermesServer> StartAsync(BundleLimits? limits = null, string? sepsisModelPath = null, Func<HermesOptions, HermesOptions>? options = null)
    {
        var server = new HermesServer(limits ?? BundleLimits.Default, sepsisModelPath, options);
        await server._app.StartAsync();
        return server;
    }

    public HttpClient Client(string? token = null)
    {
        var client = _app.GetTestClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task<HttpClient> ClientAsync(Role role)
    {
        var (_, token) = await _app.Services.GetRequiredService<TokenIssuer>().CreateAsync(role);
        return Client(token);
    }

    /// <summary>The test server's own handler, to wrap in a <see cref="DelegatingHandler"/> that injects faults.</summary>
    public HttpMessageHandler Handler() => _app.GetTestServer().CreateHandler();

    /// <summary>A fresh bearer token of <paramref name="role"/>.</summary>
    public async Task<string> TokenAsync(Role role) => (await _app.Services.GetRequiredService<TokenIssuer>().CreateAsync(role)).Item2;

    /// <summary>Lets one tree-head interval pass on the fake clock and signs the head that is then due (as the scheduled signer would).</summary>
    public async Task<Trust.Ledger.SignedTreeHead?> SignTreeHeadAsync()
    {
        var schedule = _app.Services.GetRequiredService<Hermes.Ledger.TreeHeadSchedule>();
        Clock.Advance(schedule.Interval);
        await schedule.SignIfDueAsync();
        return await Store.LatestTreeHeadAsync();
    }

    /// <summary>The server's services (the composition, its export keys).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The server's store.</summary>
    public Storage.IHermesStore Store => _app.Services.GetRequiredService<Storage.IHermesStore>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _db.Dispose();
    }
}
