namespace Care.Hermes.Console.Charts;

/// <summary>A range of a vital sign that earns one NEWS2 part score.</summary>
/// <param name="From">Lower edge in the sign's unit (inclusive after rounding), or -infinity.</param>
/// <param name="To">Upper edge in the sign's unit, or +infinity.</param>
/// <param name="Score">The NEWS2 part score (0–3) of values in the band.</param>
internal readonly record struct ScoreBand(double From, double To, int Score);
