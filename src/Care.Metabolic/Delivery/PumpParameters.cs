using Care.Core.Errors;
using Care.Metabolic.Patients;

namespace Care.Metabolic.Delivery;

/// <summary>
/// An insulin pump model (one row of <c>pump_params.csv</c>, MODEL.md section 7). Rates in U/min;
/// increments in pmol/min as the simulator applies them.
/// </summary>
public sealed record PumpParameters(
    string Name, double MinBolus, double MaxBolus, double IncBolus, double MinBasal, double MaxBasal, double IncBasal)
{
    /// <summary>The pump called <paramref name="name"/> in <paramref name="folder"/>; <see cref="InvalidInputException"/> when absent.</summary>
    public static PumpParameters Load(string folder, string name)
    {
        var t = CsvTable.Read(Path.Combine(folder, "pump_params.csv"));
        for (var r = 0; r < t.RowCount; r++)
        {
            if (t.Text(r, "Name") == name)
            {
                return new PumpParameters(name, t.Number(r, "min_bolus"), t.Number(r, "max_bolus"), t.Number(r, "inc_bolus"),
                    t.Number(r, "min_basal"), t.Number(r, "max_basal"), t.Number(r, "inc_basal"));
            }
        }
        throw new InvalidInputException("pump", $"'{name}' is not in pump_params.csv");
    }

    /// <summary>
    /// The delivered basal rate for a requested one (U/min): rounded to <see cref="IncBasal"/> in
    /// pmol/min, then clamped to [min, max]. NaN or negative requests deliver the minimum.
    /// </summary>
    public double DeliverBasal(double unitsPerMinute) => Quantise(unitsPerMinute, IncBasal, MinBasal, MaxBasal);

    /// <summary>The delivered bolus rate for a requested one (U/min), as <see cref="DeliverBasal"/>.</summary>
    public double DeliverBolus(double unitsPerMinute) => Quantise(unitsPerMinute, IncBolus, MinBolus, MaxBolus);

    private static double Quantise(double rate, double increment, double min, double max)
    {
        if (!(rate > 0))
        {
            return min;
        }
        var pmol = Math.Round(rate * 6000.0 / increment, MidpointRounding.ToEven) * increment;
        return Math.Clamp(pmol / 6000.0, min, max);
    }
}
