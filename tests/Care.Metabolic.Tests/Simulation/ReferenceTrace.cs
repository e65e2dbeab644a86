using System.Globalization;

namespace Care.Metabolic.Tests.Simulation;

/// <summary>One row of reference/adolescent001_minute_trace.csv.</summary>
internal sealed record ReferenceTrace(int Minute, double MealAnnounced, double ChoEaten, double Insulin, double[] State, double Gsub)
{
    public static IReadOnlyList<ReferenceTrace> Read(string path)
    {
        var rows = new List<ReferenceTrace>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var c = line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            rows.Add(new ReferenceTrace((int)c[0], c[1], c[2], c[3], c[4..17], c[17]));
        }
        return rows;
    }
}
