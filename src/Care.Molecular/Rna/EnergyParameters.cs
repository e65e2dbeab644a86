namespace Care.Molecular.Rna;

/// <summary>
/// A nearest-neighbour parameter set in ViennaRNA's layout (free energies at 37 °C, integers in
/// dcal/mol; 1 kcal/mol = 100 dcal/mol). Read one with <see cref="ParameterFileReader"/>.
/// Immutable after reading, so one instance may be shared by any number of threads.
/// </summary>
/// <remarks>
/// Indexing follows ViennaRNA: pair types 1–7 (CG, GC, GU, UG, AU, UA, NN), bases 0–4 (none, A, C, G, U).
/// </remarks>
public sealed class EnergyParameters
{
    /// <summary>"Infinite" energy (ViennaRNA's INF), in dcal/mol: impossible.</summary>
    public const int Infinity = 10_000_000;

    /// <summary>Largest number of unpaired bases in an interior loop that folding considers (ViennaRNA's MAXLOOP).</summary>
    public const int MaxLoop = 30;

    internal const int Pairs = 8;

    internal EnergyParameters()
    {
    }

    internal int[] Stack { get; } = new int[Pairs * Pairs];

    internal int[] MismatchHairpin { get; } = new int[Pairs * 25];

    internal int[] MismatchInterior { get; } = new int[Pairs * 25];

    internal int[] MismatchInterior1N { get; } = new int[Pairs * 25];

    internal int[] MismatchInterior23 { get; } = new int[Pairs * 25];

    internal int[] MismatchMulti { get; } = new int[Pairs * 25];

    internal int[] MismatchExterior { get; } = new int[Pairs * 25];

    internal int[] Dangle5 { get; } = new int[Pairs * 5];

    internal int[] Dangle3 { get; } = new int[Pairs * 5];

    internal int[] Int11 { get; } = new int[Pairs * Pairs * 25];

    internal int[] Int21 { get; } = new int[Pairs * Pairs * 125];

    internal int[] Int22 { get; } = new int[Pairs * Pairs * 625];

    internal int[] Hairpin { get; } = new int[MaxLoop + 1];

    internal int[] Bulge { get; } = new int[MaxLoop + 1];

    internal int[] Interior { get; } = new int[MaxLoop + 1];

    internal int MultiBase { get; set; }

    internal int MultiClosing { get; set; }

    internal int MultiIntern { get; set; }

    internal int Ninio { get; set; }

    internal int MaxNinio { get; set; }

    internal int TerminalAu { get; set; }

    /// <summary>Loop-length extrapolation beyond 30 nt: lxc · ln(n/30) dcal/mol (ViennaRNA's default 107.856).</summary>
    internal double Lxc { get; set; } = 107.856;

    internal Dictionary<string, int> SpecialHairpins { get; } = new(StringComparer.Ordinal);

    /// <summary>Repairs applied while reading (for example the known stack typo of ViennaRNA 2.7.1's file); empty for a clean file.</summary>
    public IReadOnlyList<string> Repairs { get; internal set; } = [];

    internal static int M(int type, int a, int b) => (type * 25) + (a * 5) + b;

    internal static int S(int type1, int type2) => (type1 * Pairs) + type2;
}
