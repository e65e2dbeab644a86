namespace Care.Molecular.Rna;

/// <summary>A minimum-free-energy structure and its energy.</summary>
/// <param name="Structure">Dot-bracket structure.</param>
/// <param name="EnergyDcalPerMol">Its free energy in dcal/mol (1 kcal/mol = 100 dcal/mol).</param>
public readonly record struct FoldResult(string Structure, int EnergyDcalPerMol)
{
    /// <summary>The free energy in kcal/mol.</summary>
    public double EnergyKcalPerMol => EnergyDcalPerMol / 100.0;
}
