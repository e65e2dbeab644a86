using System.Globalization;
using Care.Core.Errors;

namespace Care.Molecular.Rna;

/// <summary>
/// Reads ViennaRNA's "RNAfold parameter file v2.0" format (for example <c>rna_turner2004.par</c>):
/// the free-energy sections are read, enthalpy sections are checked for well-formed numbers and
/// skipped. Both section spellings (<c># interior</c> and <c># internal</c>) are accepted.
/// </summary>
/// <remarks>
/// Every malformed token, a missing or duplicated section, or a section with too few or too many
/// values is rejected with the file name and line. One known typo is repaired instead: ViennaRNA
/// 2.7.1 ships <c>-1i40</c> in the stack table (row GU, column AU), where the symmetric entry and
/// the compiled-in default are −140; it is read as −140 and listed in <see cref="EnergyParameters.Repairs"/>.
/// </remarks>
public static class ParameterFileReader
{
    private const string KnownTypo = "-1i40";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["mismatch_interior"] = "mismatch_internal",
        ["mismatch_interior_1n"] = "mismatch_internal_1n",
        ["mismatch_interior_23"] = "mismatch_internal_23",
        ["interior"] = "internal",
    };

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, malformed or incomplete (file and line named).</exception>
    public static EnergyParameters ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "parameter file not found");
        }
        var info = new FileInfo(path);
        if (info.Length > 16 * 1024 * 1024)
        {
            throw new InvalidInputException(path, $"parameter file is {info.Length} bytes, more than the 16 MiB a parameter file can be");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses parameter-file <paramref name="text"/>; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="InvalidInputException">Malformed or incomplete (line named).</exception>
    public static EnergyParameters Parse(string text, string name = "parameter file")
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = Split(text, name);
        var p = new EnergyParameters();
        var repairs = new List<string>();
        Require(sections, name, "stack", 49, out var stack);
        for (var k = 0; k < 49; k++)
        {
            var value = stack[k];
            if (value.Text == KnownTypo)
            {
                repairs.Add($"{name}: line {value.Line}: stack value '{KnownTypo}' read as -140 (the known typo of ViennaRNA 2.7.1's file; the symmetric entry and compiled-in default are -140)");
                value = value with { Text = "-140" };
            }
            p.Stack[EnergyParameters.S(1 + (k / 7), 1 + (k % 7))] = Number(value, name);
        }
        for (var a = 1; a <= 7; a++)
        {
            for (var b = 1; b <= 7; b++)
            {
                if (p.Stack[EnergyParameters.S(a, b)] != p.Stack[EnergyParameters.S(b, a)])
                {
                    throw new InvalidInputException(name, $"section 'stack': the table is not symmetric (row {a}, column {b}: {p.Stack[EnergyParameters.S(a, b)]} against {p.Stack[EnergyParameters.S(b, a)]})");
                }
            }
        }
        Mismatch(sections, name, "mismatch_hairpin", p.MismatchHairpin);
        Mismatch(sections, name, "mismatch_internal", p.MismatchInterior);
        Mismatch(sections, name, "mismatch_internal_1n", p.MismatchInterior1N);
        Mismatch(sections, name, "mismatch_internal_23", p.MismatchInterior23);
        Mismatch(sections, name, "mismatch_multi", p.MismatchMulti);
        Mismatch(sections, name, "mismatch_exterior", p.MismatchExterior);
        Fill(sections, name, "dangle5", p.Dangle5, 7 * 5, k => ((1 + (k / 5)) * 5) + (k % 5));
        Fill(sections, name, "dangle3", p.Dangle3, 7 * 5, k => ((1 + (k / 5)) * 5) + (k % 5));
        Fill(sections, name, "int11", p.Int11, 49 * 25, k => ((((1 + (k / 175)) * EnergyParameters.Pairs) + 1 + (k / 25 % 7)) * 25) + (k % 25));
        Fill(sections, name, "int21", p.Int21, 49 * 125, k => ((((1 + (k / 875)) * EnergyParameters.Pairs) + 1 + (k / 125 % 7)) * 125) + (k % 125));
        Fill(sections, name, "int22", p.Int22, 36 * 256, k =>
        {
            var pair = k / 256;
            var r = k % 256;
            var bases = ((1 + (r / 64)) * 125) + ((1 + (r / 16 % 4)) * 25) + ((1 + (r / 4 % 4)) * 5) + 1 + (r % 4);
            return ((((1 + (pair / 6)) * EnergyParameters.Pairs) + 1 + (pair % 6)) * 625) + bases;
        });
        Fill(sections, name, "hairpin", p.Hairpin, 31, k => k);
        Fill(sections, name, "bulge", p.Bulge, 31, k => k);
        Fill(sections, name, "internal", p.Interior, 31, k => k);
        Require(sections, name, "ML_params", 6, out var ml);
        p.MultiBase = Number(ml[0], name);
        p.MultiClosing = Number(ml[2], name);
        p.MultiIntern = Number(ml[4], name);
        Require(sections, name, "NINIO", 3, out var ninio);
        p.Ninio = Number(ninio[0], name);
        p.MaxNinio = Number(ninio[2], name);
        RequireAtLeast(sections, name, "Misc", 4, out var misc);
        p.TerminalAu = Number(misc[2], name);
        foreach (var loops in new[] { ("Triloops", 5), ("Tetraloops", 6), ("Hexaloops", 8) })
        {
            SpecialLoops(sections, name, loops.Item1, loops.Item2, p.SpecialHairpins);
        }
        p.Repairs = repairs;
        return p;
    }

    private readonly record struct Token(string Text, int Line);

    private sealed record Section(int Line, List<Token> Tokens, List<List<Token>> Lines);

    private static Dictionary<string, Section> Split(string text, string name)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        var lines = text.Split('\n');
        var sawHeader = false;
        var ended = false;
        for (var n = 0; n < lines.Length && !ended; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var lineNo = n + 1;
            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                sawHeader |= line.Contains("RNAfold parameter file v2.0", StringComparison.Ordinal);
                continue;
            }
            if (line.StartsWith('#'))
            {
                var key = line[1..].Trim();
                if (key == "END")
                {
                    ended = true;
                    continue;
                }
                key = Aliases.GetValueOrDefault(key, key);
                if (sections.ContainsKey(key))
                {
                    throw new InvalidInputException(name, $"line {lineNo}: section '{key}' appears twice");
                }
                current = new Section(lineNo, [], []);
                sections[key] = current;
                continue;
            }
            var content = StripComments(line, name, lineNo);
            var words = content.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            if (current is null)
            {
                throw new InvalidInputException(name, $"line {lineNo}: values before the first section header");
            }
            var tokens = words.Select(w => new Token(w, lineNo)).ToList();
            current.Tokens.AddRange(tokens);
            current.Lines.Add(tokens);
        }
        if (!sawHeader)
        {
            throw new InvalidInputException(name, "line 1: not an RNAfold parameter file v2.0 (missing '## RNAfold parameter file v2.0' header)");
        }
        return sections;
    }

    private static string StripComments(string line, string name, int lineNo)
    {
        var start = line.IndexOf("/*", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = line.IndexOf("*/", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new InvalidInputException(name, $"line {lineNo}: comment '/*' is not closed on its line");
            }
            line = string.Concat(line.AsSpan(0, start), " ", line.AsSpan(end + 2));
            start = line.IndexOf("/*", StringComparison.Ordinal);
        }
        return line;
    }

    private static void Require(Dictionary<string, Section> sections, string name, string key, int count, out List<Token> tokens)
    {
        if (!sections.TryGetValue(key, out var section))
        {
            throw new InvalidInputException(name, $"section '# {key}' is missing");
        }
        if (section.Tokens.Count != count)
        {
            var at = section.Tokens.Count > count ? section.Tokens[count].Line : section.Line;
            throw new InvalidInputException(name, $"line {at}: section '{key}' has {section.Tokens.Count} values, expected {count}");
        }
        tokens = section.Tokens;
    }

    private static void RequireAtLeast(Dictionary<string, Section> sections, string name, string key, int count, out List<Token> tokens)
    {
        if (!sections.TryGetValue(key, out var section))
        {
            throw new InvalidInputException(name, $"section '# {key}' is missing");
        }
        if (section.Tokens.Count < count)
        {
            throw new InvalidInputException(name, $"line {section.Line}: section '{key}' has {section.Tokens.Count} values, expected at least {count}");
        }
        tokens = section.Tokens;
    }

    private static void Mismatch(Dictionary<string, Section> sections, string name, string key, int[] target) =>
        Fill(sections, name, key, target, 7 * 25, k => ((1 + (k / 25)) * 25) + (k % 25));

    private static void Fill(Dictionary<string, Section> sections, string name, string key, int[] target, int count, Func<int, int> index)
    {
        Require(sections, name, key, count, out var tokens);
        for (var k = 0; k < count; k++)
        {
            target[index(k)] = Number(tokens[k], name);
        }
    }

    private static void SpecialLoops(Dictionary<string, Section> sections, string name, string key, int length, Dictionary<string, int> target)
    {
        if (!sections.TryGetValue(key, out var section))
        {
            throw new InvalidInputException(name, $"section '# {key}' is missing");
        }
        foreach (var line in section.Lines)
        {
            var where = line[0].Line;
            if (line.Count < 2)
            {
                throw new InvalidInputException(name, $"line {where}: a {key} entry needs a sequence and an energy");
            }
            var loop = line[0].Text;
            if (loop.Length != length || loop.Any(c => RnaBases.Code(c) == 0 || c == 'T'))
            {
                throw new InvalidInputException(name, $"line {where}: '{loop}' is not a {length}-nt RNA loop");
            }
            if (!target.TryAdd(loop, Number(line[1], name)))
            {
                throw new InvalidInputException(name, $"line {where}: loop '{loop}' is listed twice");
            }
        }
    }

    private static int Number(Token token, string name)
    {
        if (token.Text == "INF")
        {
            return EnergyParameters.Infinity;
        }
        if (!int.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || Math.Abs((long)value) >= EnergyParameters.Infinity)
        {
            throw new InvalidInputException(name, $"line {token.Line}: '{token.Text}' is not an integer energy in dcal/mol");
        }
        return value;
    }
}
