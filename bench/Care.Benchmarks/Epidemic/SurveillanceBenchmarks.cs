using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Care.Epidemic.Surveillance;

namespace Care.Benchmarks.Epidemic;

/// <summary>
/// Issue 13 item 7: detector speed against R surveillance 1.20.3 on the same work (issue 13 measured R at
/// about 23 ms for EARS C1+C2+C3 on one 209-week series and 71 weeks/s for Noufaily's farringtonFlexible).
/// Series: the RKI measles series m3 (209 weeks) as in surveillance_pkg_series_52week.csv, read once; the
/// Farrington benchmarks score its 50 monitored weeks (160–209, b = 3) as the reference outputs do.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class SurveillanceBenchmarks
{
    /// <summary>In-process: on the shared, loaded machine the generated out-of-process project failed to build in time.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private int[] _counts = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Find() ?? throw new InvalidOperationException("surveillance_pkg_series_52week.csv not found under CARE_SHARED_DATA or any parent's shared/data");
        _counts = [.. SeriesCsv.Parse(File.ReadAllText(path), path).First(s => s.Name == "m3").Observed];
    }

    private static string? Find()
    {
        const string file = "surveillance_pkg_series_52week.csv";
        var fromEnvironment = Environment.GetEnvironmentVariable("CARE_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var p = Path.Combine(fromEnvironment, "surveillance", file);
            return File.Exists(p) ? p : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "shared", "data", "surveillance", file);
            if (File.Exists(p))
            {
                return p;
            }
        }
        return null;
    }

    /// <summary>EARS C1, C2 and C3 over the whole series.</summary>
    [Benchmark]
    public int EarsC1C2C3() =>
        EarsC.Run(_counts, EarsMethod.C1).Count + EarsC.Run(_counts, EarsMethod.C2).Count + EarsC.Run(_counts, EarsMethod.C3).Count;

    /// <summary>Farrington (1996 setting), 50 weeks.</summary>
    [Benchmark]
    public int Farrington1996_50Weeks() => FarringtonFlexible.Run(_counts, FarringtonSettings.Farrington1996(3), 160, 209).Count;

    /// <summary>Noufaily (2013 setting), 50 weeks.</summary>
    [Benchmark]
    public int Noufaily2013_50Weeks() => FarringtonFlexible.Run(_counts, FarringtonSettings.Noufaily2013(3), 160, 209).Count;
}
