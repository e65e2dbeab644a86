using System.Text.Json;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Molecular.Sequences;

namespace Care.Cli.Lab;

/// <summary>Finds and reads <c>shared/data/biosecurity</c> (benign controls and commec's outcomes) at run time.</summary>
internal static class BiosecurityData
{
    public const string ControlsFile = "negative_controls.fasta";
    public const string CommecFile = "commec_examples_benign.expected_outcomes.json";

    /// <summary><paramref name="given"/>, or <c>$CARE_SHARED_DATA/biosecurity</c>, or the first <c>shared/data/biosecurity</c> above the current directory.</summary>
    public static string Locate(string? given) => SharedDataPaths.Folder(given, "biosecurity");

    /// <summary>The benign controls with commec 1.0.0's outcome where the record is one of its examples.</summary>
    public static IReadOnlyList<(string Id, string Dna, string? Commec)> Controls(string folder)
    {
        var records = FastaReader.ReadFile(Path.Combine(folder, ControlsFile), FastaLimits.References);
        var outcomes = CommecOutcomes(Path.Combine(folder, CommecFile));
        return [.. records.Select(r => (r.Id, r.Residues, Outcome(r, outcomes)))];
    }

    private static string? Outcome(SequenceRecord record, IReadOnlyList<(string Query, int Length, string Status)> outcomes)
    {
        const string prefix = "commec_example:";
        if (!record.Id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var name = record.Id[prefix.Length..];
        var match = outcomes.FirstOrDefault(o => o.Length == record.Length && (name.StartsWith(o.Query, StringComparison.Ordinal) || o.Query.StartsWith(name[..Math.Min(name.Length, 12)], StringComparison.Ordinal)));
        return match.Status;
    }

    private static List<(string Query, int Length, string Status)> CommecOutcomes(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return [.. document.RootElement.GetProperty("queries").EnumerateObject()
                .Select(q => (q.Name, q.Value.GetProperty("length").GetInt32(), q.Value.GetProperty("status").GetProperty("screen_status").GetString() ?? "?"))];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInputException(path, $"not commec's expected-outcomes JSON: {e.Message}");
        }
    }
}
