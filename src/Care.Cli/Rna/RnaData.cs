using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Molecular.Rna;

namespace Care.Cli.Rna;

/// <summary>
/// Where the RNA reference data and the default parameter file are: <c>--data DIR</c>, else
/// <c>$CARE_SHARED_DATA/rna</c>, else <c>shared/data/rna</c> found upwards from the working folder or the program.
/// </summary>
internal static class RnaData
{
    public const string ParameterFileName = "rna_turner2004_stackfix.par";
    public const string CodonTableName = "codon_usage_human_kazusa.csv";

    public static string Folder(string? given) => SharedDataPaths.Folder(given, "rna");

    public static EnergyParameters Parameters(string? file, string? dataFolder)
    {
        var path = string.IsNullOrEmpty(file) ? Path.Combine(Folder(dataFolder), ParameterFileName) : file;
        return ParameterFileReader.ReadFile(path);
    }

    public static Dangles ParseDangles(int value) => value switch
    {
        0 => Dangles.None,
        2 => Dangles.Double,
        _ => throw new InvalidInputException("--dangles", $"{value} is not 0 or 2"),
    };
}
