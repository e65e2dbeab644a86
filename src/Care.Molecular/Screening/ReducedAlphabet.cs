namespace Care.Molecular.Screening;

/// <summary>
/// Murphy et al.'s 10-letter reduced amino-acid alphabet (Protein Eng. 13:149, 2000):
/// {LVIM} {C} {A} {G} {ST} {P} {FYW} {EDNQ} {KR} {H}. Conservative substitutions stay in one
/// group, so protein windows compared in it tolerate functional variants. Stateless, thread safe.
/// </summary>
public static class ReducedAlphabet
{
    /// <summary>Number of groups (codes 0–9).</summary>
    public const int Size = 10;

    private static readonly sbyte[] Codes = Build();

    /// <summary>The group code (0–9) of an amino-acid letter, or −1 for a stop, <c>X</c> or anything else.</summary>
    public static int Code(char aminoAcid) => aminoAcid < 128 ? Codes[aminoAcid] : -1;

    private static sbyte[] Build()
    {
        var codes = new sbyte[128];
        Array.Fill(codes, (sbyte)-1);
        string[] groups = ["LVIM", "C", "A", "G", "ST", "P", "FYW", "EDNQ", "KR", "H"];
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var aa in groups[g])
            {
                codes[aa] = (sbyte)g;
            }
        }
        return codes;
    }
}
