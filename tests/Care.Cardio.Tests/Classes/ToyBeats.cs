using Care.Cardio.Classes;

namespace Care.Cardio.Tests.Classes;

/// <summary>Separable toy beats for classifier tests: N near 0, S with short RR (feature 0), V with a big peak (feature 8).</summary>
internal static class ToyBeats
{
    /// <summary>The features of one toy beat of class <paramref name="c"/>, with small noise from <paramref name="random"/>.</summary>
    public static float[] Features(AamiClass c, Random random)
    {
        var f = new float[BeatFeatures.Count];
        for (var k = 0; k < f.Length; k++)
        {
            f[k] = (float)(0.1 * (random.NextDouble() - 0.5));
        }
        f[0] = c == AamiClass.S ? 0.6f : 1f;
        f[8] = c == AamiClass.V ? 2f : 1f;
        return f;
    }
}
