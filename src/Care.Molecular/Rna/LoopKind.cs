namespace Care.Molecular.Rna;

/// <summary>The kinds of loop a secondary structure decomposes into (as <c>RNAeval -v</c> labels them).</summary>
public enum LoopKind
{
    /// <summary>The exterior loop: everything outside all pairs, with the ends of its helices.</summary>
    Exterior,

    /// <summary>A hairpin loop, closed by one pair.</summary>
    Hairpin,

    /// <summary>A loop closed by two pairs: a stacked pair, a bulge or an interior loop.</summary>
    Interior,

    /// <summary>A multi-loop, closed by three or more pairs.</summary>
    Multi,
}
