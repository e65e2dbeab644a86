namespace Care.Cardio.Tests.Detection;

/// <summary>A simple synthetic ECG (Gaussian P, QRS and T waves) with optional wander and noise, for tests.</summary>
internal static class SyntheticEcg
{
    public static (float[] Samples, List<long> Beats) Make(double fs, double seconds, double bpm, int seed,
        double wanderMv = 0, double noiseMv = 0, double tWaveMv = 0.3)
    {
        var random = new Random(seed);
        var n = (int)(seconds * fs);
        var samples = new float[n];
        var beats = new List<long>();
        var rr = 60.0 / bpm;
        for (var t = 0.5; t < seconds - 0.5; t += rr * (0.95 + 0.1 * random.NextDouble()))
        {
            beats.Add((long)Math.Round(t * fs));
        }
        for (var i = 0; i < n; i++)
        {
            samples[i] = (float)(wanderMv * Math.Sin(2 * Math.PI * 0.3 * i / fs) + noiseMv * Gaussian(random));
        }
        foreach (var b in beats)
        {
            for (var i = Math.Max(0, b - (int)(0.3 * fs)); i < Math.Min(n, b + (int)(0.5 * fs)); i++)
            {
                var dt = (i - b) / fs;
                samples[i] += (float)(0.15 * Bump(dt + 0.16, 0.025) + 1.2 * Bump(dt, 0.010) - 0.25 * Bump(dt - 0.025, 0.008) + tWaveMv * Bump(dt - 0.28, 0.045));
            }
        }
        return (samples, beats);
    }

    private static double Bump(double t, double width) => Math.Exp(-t * t / (2 * width * width));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
