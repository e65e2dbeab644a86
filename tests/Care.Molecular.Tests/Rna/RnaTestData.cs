using Care.Molecular.Rna;
using Care.Testing;

namespace Care.Molecular.Tests.Rna;

internal static class RnaTestData
{
    private static readonly Lazy<EnergyParameters?> Cached = new(() =>
    {
        var root = SharedData.RootOrNull;
        var path = root is null ? null : Path.Combine(root, "rna", "rna_turner2004_stackfix.par");
        return path is not null && File.Exists(path) ? ParameterFileReader.ReadFile(path) : null;
    });

    public static string Folder => SharedData.RequireFolder("rna");

    public static EnergyParameters Parameters()
    {
        _ = Folder;
        return Cached.Value ?? throw new InvalidOperationException("parameter file missing");
    }
}
