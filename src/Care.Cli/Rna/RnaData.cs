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

    public static string Folder(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return Directory.Exists(given) ? given : throw new InvalidInputException("--data", $"folder '{given}' does not exist");
        }
        var env = Environment.GetEnvironmentVariable("CARE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "rna")))
        {
            return Path.Combine(env, "rna");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "rna");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidInputException("--data", "the RNA reference folder was not found (give --data, or set CARE_SHARED_DATA, or keep ../shared/data/rna beside the repository)");
    }

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
