namespace Care.Molecular.Screening;

/// <summary>Which kind of window matched.</summary>
public enum HitKind
{
    /// <summary>30- or 42-nt DNA windows on either strand.</summary>
    Dna,

    /// <summary>20-amino-acid windows in one of the six reading frames, compared in the reduced alphabet.</summary>
    Protein,
}
