namespace Care.Molecular.Rna;

/// <summary>How helix ends in exterior and multi-loops are scored (ViennaRNA's <c>-d</c> option).</summary>
public enum Dangles
{
    /// <summary><c>-d0</c>: no dangling ends or terminal mismatches (LinearDesign's model).</summary>
    None = 0,

    /// <summary><c>-d2</c>: both neighbours of every helix end count, paired or not (RNAfold's default).</summary>
    Double = 2,
}
