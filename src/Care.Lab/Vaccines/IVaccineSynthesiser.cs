namespace Care.Lab.Vaccines;

/// <summary>A synthesiser (simulated): makes an ordered DNA template into product molecules.</summary>
public interface IVaccineSynthesiser
{
    /// <summary>
    /// The molecules made for <paramref name="orderedDna"/> with their fractions (summing to 1), the
    /// intended product first. A faithful synthesiser returns the order alone; a compromised planner
    /// may add a payload or change a base, which verification must catch.
    /// </summary>
    IReadOnlyList<(string Sequence, double Weight)> Synthesise(string orderedDna);
}
