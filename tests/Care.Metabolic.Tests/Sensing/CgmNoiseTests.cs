using System.Globalization;
using Care.Metabolic.Sensing;
using Care.Metabolic.Tests.Simulation;

namespace Care.Metabolic.Tests.Sensing;

public sealed class CgmNoiseTests
{
    [Fact]
    public void Reference_cgm_of_adolescent001_is_reproduced_from_the_simulators_normal_draws()
    {
        var folder = TestCohort.Folder;
        var dexcom = CgmSensorParameters.Load(folder, "Dexcom");
        var sensor = new CgmSensor(dexcom, new NumpyLegacyNormal(1));
        var trace = ReferenceTrace.Read(Path.Combine(folder, "reference", "adolescent001_minute_trace.csv"));
        var expected = File.ReadLines(Path.Combine(folder, "reference", "adolescent001_3min_results.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        var gb = TestCohort.Load()["adolescent#001"].Physiology.BasalGlucoseMgPerDl;

        // MODEL.md section 8: at reset one reading for the history (the fixture's first row), then a
        // second one (next noise value, same BG) that the following period's average starts from.
        var worst = Math.Abs(sensor.Read(gb) - expected[0]);
        var held = sensor.Read(gb);
        for (var row = 1; row < expected.Length; row++)
        {
            // Row k averages the held outputs after minutes 3k-2, 3k-1 (old reading) and 3k (new reading).
            var bgAtReading = trace[3 * row - 1].Gsub;
            var fresh = sensor.Read(bgAtReading);
            var mean = (2 * held + fresh) / 3;
            worst = Math.Max(worst, Math.Abs(mean - expected[row]));
            held = fresh;
        }
        Assert.True(worst < 1e-6, $"worst |CGM - reference| = {worst:E3} mg/dL over {expected.Length} periods");
    }

    [Fact]
    public void Noise_passes_through_the_johnson_transform_of_every_15_minute_knot()
    {
        var sensor = new CgmSensorParameters("Navigator", 0.7, -0.5444, 15.9574, 1.6898, -5.47, 1, 32, 600);
        double[] draws = [0.3, -1.2, 0.8, 2.0, -0.5, 0.1, -2.2, 1.4, 0.0, -0.7, 0.9, 1.1, -1.6, 0.4, 0.2, -0.3, 0.6, -0.9, 1.7, -0.1, 0.5];
        var noise = new CgmNoise(sensor, new ListSource(draws));
        var values = Enumerable.Range(0, 300).Select(_ => noise.Next()).ToArray();
        var latent = draws[0];
        for (var k = 1; k <= 20; k++)
        {
            latent = 0.7 * (latent + draws[k]);
            var knot = -5.47 + 15.9574 * Math.Sinh((latent + 0.5444) / 1.6898);
            // With Ts = 1 the reading at minute 15k (index 15k - 1) is the knot value itself.
            Assert.Equal(knot, values[15 * k - 1], 9);
        }
    }

    [Fact]
    public void Noise_statistics_match_the_model_over_a_long_seeded_run()
    {
        var sensor = new CgmSensorParameters("Dexcom", 0.7, -0.5444, 15.9574, 1.6898, -5.47, 3, 39, 600);
        var noise = new CgmNoise(sensor, new SeededNormalSource(7));
        var values = Enumerable.Range(0, 200_000).Select(_ => noise.Next()).ToArray();
        var mean = values.Average();
        var sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        // MODEL.md section 6: long-run mean about +0.74 mg/dL, SD about 11.7 mg/dL.
        Assert.InRange(mean, -0.5, 2.0);
        Assert.InRange(sd, 10.5, 13.0);
    }

    private sealed class ListSource(double[] values) : IStandardNormalSource
    {
        private int _next;

        public double Next() => values[_next++];
    }
}
