using Care.Cardio.Wfdb;

namespace Care.Benchmarks.Cardio;

/// <summary>
/// The benchmark input: MIT-BIH record 100 (30:05.6 at 360 Hz, 650,000 samples) from
/// <c>../shared/data/mitdb</c> when present, else a synthetic ECG of the same length.
/// </summary>
internal static class EcgBenchData
{
    public const double SamplingHz = 360;

    public static string? FindRecord(string name)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CARE_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var p = Path.Combine(fromEnvironment, "mitdb", name);
            return File.Exists(p + ".hea") ? p : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "shared", "data", "mitdb", name);
            if (File.Exists(p + ".hea"))
            {
                return p;
            }
        }
        return null;
    }

    public static (float[] Samples, string Source) Load()
    {
        var path = FindRecord("100");
        if (path is not null)
        {
            return (WfdbRecord.Read(path).Physical(0), "mitdb/100 signal 0");
        }
        var n = 650_000;
        var samples = new float[n];
        var random = new Random(1);
        for (var b = 100; b < n - 300; b += 280 + random.Next(40))
        {
            for (var k = -20; k <= 20; k++)
            {
                samples[b + k] += (float)(1.2 * Math.Exp(-k * k / 18.0));
            }
        }
        for (var i = 0; i < n; i++)
        {
            samples[i] += (float)(0.02 * (random.NextDouble() - 0.5));
        }
        return (samples, "synthetic");
    }
}
