using BenchmarkDotNet.Attributes;
using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis;

namespace Care.Benchmarks.Clinical;

/// <summary>
/// Sepsis model scoring with the shipped model (<c>models/sepsis-v2.model</c>) on the first 500
/// patients of Challenge set A (about 19,000 patient-hours): batch margins (features + trees, one
/// thread) per patient-hour, and one incremental explained update per observation set.
/// </summary>
[MemoryDiagnoser]
public class SepsisScoringBenchmarks
{
    private SepsisModel _model = null!;
    private IReadOnlyList<PatientRecord> _patients = null!;
    private SepsisStreamScorer _stream = null!;
    private int _patient;
    private int _hour;

    /// <summary>Patient-hours scored by <see cref="BatchMargins"/>.</summary>
    public int Hours { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = FindUp("models/sepsis-v2.model") ?? throw new InvalidOperationException("models/sepsis-v2.model not found above the working directory");
        _model = SepsisModel.Load(root);
        var data = FindUp("../shared/data/sepsis2019/training_setA.tar.gz")
            ?? throw new InvalidOperationException("shared/data/sepsis2019/training_setA.tar.gz not found");
        _patients = ChallengeReader.ReadAll(data, 500);
        Hours = _patients.Sum(p => p.Hours);
        _stream = new SepsisStreamScorer(_model);
    }

    /// <summary>Features and margin of every hour of 500 patients, each patient streamed from hour 0.</summary>
    [Benchmark]
    public double BatchMargins()
    {
        var scorer = new SepsisStreamScorer(_model);
        double sum = 0;
        foreach (var p in _patients)
        {
            scorer.Reset();
            for (int t = 0; t < p.Hours; t++)
            {
                sum += scorer.UpdateMargin(p.Row(t));
            }
        }
        return sum;
    }

    /// <summary>One incremental update with score, level, interval and top-5 contributions.</summary>
    [Benchmark]
    public SepsisRisk IncrementalExplainedUpdate()
    {
        var p = _patients[_patient];
        var risk = _stream.Update(p.Row(_hour));
        if (++_hour == p.Hours)
        {
            _hour = 0;
            _patient = (_patient + 1) % _patients.Count;
            _stream.Reset();
        }
        return risk;
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, relative));
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
