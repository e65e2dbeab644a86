namespace Care.Kiosk.Identity;

/// <summary>
/// Generated iris codes for evaluation (no real iris images are in <c>../shared/data</c>). Each eye is a
/// field of complex Gabor-like coefficients, Gaussian and smoothed along the angle (neighbouring
/// coefficients are correlated, as in real irises: this is what brings 2,048 bits down to some
/// 250 degrees of freedom); a capture adds sensor noise, turns the eye by up to ±<see cref="MaxRotation"/>
/// positions and masks the eyelids and a few reflections in the camera's frame. Bits are phase
/// quadrants. Seeded; not thread safe.
/// </summary>
public sealed class SyntheticIrises(int seed)
{
    /// <summary>Smoothing of the coefficient field along the angle (Gaussian, σ in positions); sets the degrees of freedom.</summary>
    public const double AngularCorrelation = 2.1;

    /// <summary>Largest head tilt of a capture, in angular positions.</summary>
    public const int MaxRotation = 5;

    private readonly Random _random = new(seed);

    /// <summary>A new eye: its coefficient field (ring-major, real and imaginary parts interleaved).</summary>
    public double[] NewEye() => Smoothed(1.0);

    /// <summary>A capture of <paramref name="eye"/> with relative noise <paramref name="noise"/> (0 = perfect; 0.5 typical).</summary>
    public IrisCode Capture(double[] eye, double noise)
    {
        ArgumentNullException.ThrowIfNull(eye);
        var noisy = Smoothed(noise);
        int rotation = _random.Next(-MaxRotation, MaxRotation + 1);
        var code = new bool[IrisCode.Bits];
        var mask = new bool[IrisCode.Bits];
        Array.Fill(mask, true);
        for (int ring = 0; ring < IrisCode.Rings; ring++)
        {
            for (int c = 0; c < IrisCode.Coefficients; c++)
            {
                int from = (ring * IrisCode.Coefficients) + (((c - rotation) % IrisCode.Coefficients) + IrisCode.Coefficients) % IrisCode.Coefficients;
                int to = (ring * IrisCode.Coefficients) + c;
                code[2 * to] = eye[2 * from] + noisy[2 * to] > 0;
                code[(2 * to) + 1] = eye[(2 * from) + 1] + noisy[(2 * to) + 1] > 0;
            }
        }
        // Upper eyelid over the outer rings around the top (position 32), lower lid smaller (position 96).
        Occlude(mask, 32, _random.Next(0, 40), IrisCode.Rings - 1 - _random.Next(2, 5));
        Occlude(mask, 96, _random.Next(0, 20), IrisCode.Rings - 1 - _random.Next(0, 2));
        for (int k = _random.Next(0, 4); k > 0; k--)
        {
            int ring = _random.Next(IrisCode.Rings);
            int at = _random.Next(IrisCode.Coefficients);
            for (int d = 0; d < 3; d++)
            {
                int p = (ring * IrisCode.Coefficients) + ((at + d) % IrisCode.Coefficients);
                mask[2 * p] = mask[(2 * p) + 1] = false;
            }
        }
        return IrisCode.FromBits(code, mask);
    }

    private static void Occlude(bool[] mask, int centre, int width, int fromRing)
    {
        for (int ring = Math.Max(0, fromRing); ring < IrisCode.Rings; ring++)
        {
            for (int d = -width / 2; d <= width / 2; d++)
            {
                int p = (ring * IrisCode.Coefficients) + (((centre + d) % IrisCode.Coefficients) + IrisCode.Coefficients) % IrisCode.Coefficients;
                mask[2 * p] = mask[(2 * p) + 1] = false;
            }
        }
    }

    private double[] Smoothed(double scale)
    {
        const int Reach = 5;
        var kernel = new double[(2 * Reach) + 1];
        double norm = 0;
        for (int j = -Reach; j <= Reach; j++)
        {
            kernel[j + Reach] = Math.Exp(-j * j / (2 * AngularCorrelation * AngularCorrelation));
            norm += kernel[j + Reach] * kernel[j + Reach];
        }
        norm = Math.Sqrt(norm);
        var white = new double[2 * IrisCode.Rings * IrisCode.Coefficients];
        for (int i = 0; i < white.Length; i++)
        {
            white[i] = Gaussian();
        }
        var field = new double[white.Length];
        for (int ring = 0; ring < IrisCode.Rings; ring++)
        {
            for (int c = 0; c < IrisCode.Coefficients; c++)
            {
                double re = 0, im = 0;
                for (int j = -Reach; j <= Reach; j++)
                {
                    int p = (ring * IrisCode.Coefficients) + (((c + j) % IrisCode.Coefficients) + IrisCode.Coefficients) % IrisCode.Coefficients;
                    re += kernel[j + Reach] * white[2 * p];
                    im += kernel[j + Reach] * white[(2 * p) + 1];
                }
                int to = (ring * IrisCode.Coefficients) + c;
                field[2 * to] = scale * re / norm;
                field[(2 * to) + 1] = scale * im / norm;
            }
        }
        return field;
    }

    private double Gaussian()
    {
        double u = 1 - _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }
}
