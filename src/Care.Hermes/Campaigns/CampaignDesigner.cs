using System.Reflection;
using Care.Molecular.Design;
using Care.Molecular.Rna;

namespace Care.Hermes.Campaigns;

/// <summary>
/// The mRNA designer Hermes uses for campaigns: <see cref="LatticeDesigner"/> over the Turner 2004
/// parameter file and the codon table found in <see cref="Hosting.HermesOptions.RnaDataFolder"/>, loaded
/// once on first use. One design runs at a time (a design uses a core fully for seconds to minutes).
/// Thread safe.
/// </summary>
public sealed class CampaignDesigner
{
    /// <summary>The parameter file expected in the RNA data folder.</summary>
    public const string ParameterFileName = "rna_turner2004_stackfix.par";

    /// <summary>The codon table expected in the RNA data folder.</summary>
    public const string CodonTableName = "codon_usage_human_kazusa.csv";

    private readonly string? _folder;
    private readonly SemaphoreSlim _one = new(1, 1);
    private LatticeDesigner? _designer;

    /// <summary>Creates the designer over <paramref name="rnaDataFolder"/> (null: designs are refused with 503 and the reason).</summary>
    public CampaignDesigner(string? rnaDataFolder) => _folder = rnaDataFolder;

    /// <summary>The designing software's name and version, as the ledger records it.</summary>
    public static string Software { get; } = "Care.Molecular LatticeDesigner " +
        (typeof(LatticeDesigner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(LatticeDesigner).Assembly.GetName().Version?.ToString() ?? "unknown");

    /// <summary>Designs <paramref name="protein"/> (validated) with <paramref name="options"/>.</summary>
    /// <exception cref="CampaignRefusedException">503: no RNA data folder is configured, or its files are missing or malformed.</exception>
    public async Task<MrnaDesign> DesignAsync(string protein, DesignOptions options, CancellationToken cancellationToken)
    {
        var designer = Load();
        await _one.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => designer.Design(protein, options), cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    private LatticeDesigner Load()
    {
        if (_designer is { } ready)
        {
            return ready;
        }
        if (string.IsNullOrWhiteSpace(_folder))
        {
            throw new CampaignRefusedException(503, "RnaDataFolder",
                $"vaccine design is unavailable: Hermes was started without an RNA data folder; set HermesOptions.RnaDataFolder (care serve --rna-data) to the folder holding {ParameterFileName} and {CodonTableName}, e.g. ../shared/data/rna");
        }
        string parameters = Path.Combine(_folder, ParameterFileName);
        string table = Path.Combine(_folder, CodonTableName);
        foreach (var file in new[] { parameters, table })
        {
            if (!File.Exists(file))
            {
                throw new CampaignRefusedException(503, "RnaDataFolder", $"vaccine design is unavailable: {Path.GetFullPath(file)} does not exist (HermesOptions.RnaDataFolder must hold {ParameterFileName} and {CodonTableName})");
            }
        }
        try
        {
            _designer = new LatticeDesigner(ParameterFileReader.ReadFile(parameters), CodonTable.ReadFile(table));
        }
        catch (Core.Errors.InvalidInputException e)
        {
            throw new CampaignRefusedException(503, "RnaDataFolder", $"vaccine design is unavailable: {e.Message}");
        }
        return _designer;
    }
}
