namespace Care.Lab.Jobs;

/// <summary>What a lab job does.</summary>
public enum LabJobKind
{
    /// <summary>DNA/RNA synthesis of a screened order.</summary>
    Synthesis,

    /// <summary>Sequencing of a product (verification).</summary>
    Sequencing,

    /// <summary>An assay of a product.</summary>
    Assay,

    /// <summary>Filling a cartridge.</summary>
    Fill,
}
