namespace Care.Metabolic.Patients;

/// <summary>
/// The values a virtual-patient parameter may take, inclusive, in <paramref name="Unit"/>; a value
/// outside is physiologically absurd and the file holding it is refused.
/// </summary>
/// <param name="Min">Smallest accepted value.</param>
/// <param name="Max">Largest accepted value.</param>
/// <param name="Unit">The parameter's unit as MODEL.md section 3 states it.</param>
internal readonly record struct PlausibleRange(double Min, double Max, string Unit)
{
    public bool Contains(double value) => value >= Min && value <= Max;
}
