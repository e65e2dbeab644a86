using Care.Hermes.Access;
using Care.Hermes.Console.Hosting;
using Care.Hermes.Hosting;
using Care.Hermes.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Care.Hermes.Console.Tests.Browser;

/// <summary>
/// One Hermes (Kestrel on a free loopback port, temporary SQLite database, the seeded world) and one
/// headless Debian chromium for the whole browser collection. When <c>/usr/bin/chromium</c> is absent
/// the browser is null and the tests skip, saying so.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "care-console-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public string ClinicianToken { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public string DeviceToken { get; private set; } = "";

    public HermesComposition Hermes => _app!.Services.GetRequiredService<HermesComposition>();

    public TokenIssuer Tokens => _app!.Services.GetRequiredService<TokenIssuer>();

    /// <summary>Where screenshots and timings go (beside the test assembly).</summary>
    public static string Artefacts { get; } = Path.Combine(AppContext.BaseDirectory, "console-artefacts");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(Artefacts);
        var options = SqliteBackend.Options(Path.Combine(_folder, "hermes.db")) with { TreeHeadInterval = TimeSpan.FromSeconds(1) };
        _app = HermesApp.Build(options, "http://127.0.0.1:0", builder => builder.Services.AddCareConsole());
        _app.MapCareConsole();
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await ConsoleSeed.SeedAsync(Hermes, seed: 17);
        ClinicianToken = (await Tokens.CreateAsync(Role.Clinician, label: "console test clinician")).Token;
        AdminToken = (await Tokens.CreateAsync(Role.Admin, label: "console test admin")).Token;
        DeviceToken = (await Tokens.CreateAsync(Role.Device, label: "console test device")).Token;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a desktop viewport.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (Browser is null)
        {
            Assert.Skip($"chromium is not installed at {ChromiumPath} (apt-get install -y chromium); the console's browser tests need it");
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BaseURL = BaseUrl });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
