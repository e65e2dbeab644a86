using Care.Core.Errors;
using Care.Metabolic.Patients;

namespace Care.Metabolic.Sensing;

/// <summary>
/// A CGM sensor model (one row of <c>sensor_params.csv</c>, MODEL.md section 6): the Johnson SU
/// noise parameters, the sample period and the clip limits.
/// </summary>
/// <param name="Name">Sensor name, e.g. <c>Dexcom</c>.</param>
/// <param name="Pacf">Latent autocorrelation factor on the 15-min grid.</param>
/// <param name="Gamma">Johnson SU gamma.</param>
/// <param name="Lambda">Johnson SU lambda (mg/dL).</param>
/// <param name="Delta">Johnson SU delta.</param>
/// <param name="Xi">Johnson SU xi (mg/dL).</param>
/// <param name="SampleMinutes">Sample period Ts in whole minutes (1..150).</param>
/// <param name="MinMgPerDl">Lowest reported value (mg/dL).</param>
/// <param name="MaxMgPerDl">Highest reported value (mg/dL).</param>
public sealed record CgmSensorParameters(
    string Name, double Pacf, double Gamma, double Lambda, double Delta, double Xi,
    int SampleMinutes, double MinMgPerDl, double MaxMgPerDl)
{
    /// <summary>Reads every sensor of <c>sensor_params.csv</c> in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<CgmSensorParameters> Load(string folder)
    {
        var t = CsvTable.Read(Path.Combine(folder, "sensor_params.csv"));
        var list = new List<CgmSensorParameters>();
        for (var r = 0; r < t.RowCount; r++)
        {
            var ts = t.Number(r, "sample_time");
            if (ts < 1 || ts > 150 || ts != Math.Floor(ts))
            {
                throw new InvalidInputException($"{t.Path} line {r + 2} column 'sample_time'", $"{ts} is not a whole number of minutes in 1..150");
            }
            list.Add(new CgmSensorParameters(
                t.Text(r, "Name"), t.Number(r, "PACF"), t.Number(r, "gamma"), t.Number(r, "lambda"),
                t.Number(r, "delta"), t.Number(r, "xi"), (int)ts, t.Number(r, "min"), t.Number(r, "max")));
        }
        return list;
    }

    /// <summary>The sensor called <paramref name="name"/> in <paramref name="folder"/>; <see cref="InvalidInputException"/> when absent.</summary>
    public static CgmSensorParameters Load(string folder, string name) =>
        Load(folder).FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidInputException("sensor", $"'{name}' is not in sensor_params.csv");
}
