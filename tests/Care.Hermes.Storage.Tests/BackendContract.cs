using Care.Hermes.Hosting;
using Care.Hermes.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Storage.Tests;

/// <summary>
/// What every storage contract suite shares (as fhir-server runs each data-store test over every
/// store): Hermes composed through <see cref="HermesComposition"/> on the backend under test, a fake
/// clock, a folder of the test's own, a restart, and clean-up. A suite derives from it; a backend's
/// test class derives from the suite and says only how to open Hermes on that backend.
/// </summary>
public abstract class BackendContract : IAsyncLifetime
{
    private HermesComposition? _hermes;

    /// <summary>The clock every test runs on.</summary>
    protected FakeTimeProvider Time { get; } = new(Vitals.Now);

    /// <summary>A folder of this test's own, for files a backend keeps (keys, a SQLite file).</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("care-storage-test-").FullName;

    /// <summary>Hermes on the backend under test.</summary>
    protected HermesComposition Hermes => _hermes ?? throw new InvalidOperationException("not initialised");

    /// <summary>The store under test.</summary>
    protected IHermesStore Store => Hermes.Store;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Options for Hermes on the backend under test, with its files in <see cref="Folder"/>; the database
    /// is empty on the first call, and every later call of one test reaches the same database (a restart).
    /// </summary>
    protected abstract HermesOptions Options();

    /// <summary>Releases what the backend holds beyond the store (pools, files, a test database).</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    /// <summary>Stops Hermes as a clean stop does (or as a crash, when the caller did not let it finish), then opens it again on the same database.</summary>
    protected async Task RestartAsync(Func<Task>? whileDown = null)
    {
        await Hermes.DisposeAsync();
        _hermes = null;
        if (whileDown is not null)
        {
            await whileDown();
        }
        _hermes = HermesComposition.Open(Options(), Time);
    }

    public ValueTask InitializeAsync()
    {
        _hermes = HermesComposition.Open(Options(), Time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_hermes is not null)
        {
            await _hermes.DisposeAsync();
        }
        await CleanUpAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A handle may outlive the test by a moment; the temp folder is cleaned by the OS.
        }
        GC.SuppressFinalize(this);
    }
}
