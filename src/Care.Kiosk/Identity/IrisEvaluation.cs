namespace Care.Kiosk.Identity;

/// <summary>
/// Measures the matcher on generated eyes (<see cref="SyntheticIrises"/>): each eye enrolled from one
/// capture and probed with <c>probesPerEye</c> others (genuine), and the first probe of every eye
/// compared with every other eye's enrolment (impostor), all through protected templates — so the
/// figures are those of the stored form, not of raw codes. Deterministic for a seed.
/// </summary>
public static class IrisEvaluation
{
    /// <summary>Runs the evaluation.</summary>
    /// <param name="subjects">Eyes (≥ 2).</param>
    /// <param name="probesPerEye">Genuine probes per eye (≥ 1).</param>
    /// <param name="seed">Seed of the generator and the template key.</param>
    /// <param name="targetFalseMatchRate">Stated FMR the threshold is set for.</param>
    /// <param name="maxShift">Rotation search, ± angular positions.</param>
    public static IrisEvaluationResult Run(int subjects, int probesPerEye, int seed, double targetFalseMatchRate, int maxShift = IrisMatcher.DefaultMaxShift)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subjects, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(probesPerEye, 1);
        var source = new SyntheticIrises(seed);
        var key = new byte[32];
        new Random(seed ^ 0x5eed).NextBytes(key);
        var protector = new IrisTemplateProtector(key);
        var noise = new Random(seed + 1);
        var templates = new ProtectedIrisTemplate[subjects];
        var enrolledCodes = new IrisCode[subjects];
        var firstProbes = new IrisProbe[subjects];
        var genuine = new List<double>();
        for (int s = 0; s < subjects; s++)
        {
            var eye = source.NewEye();
            // Capture quality varies from eye to eye and visit to visit (relative noise 0.3–0.8).
            enrolledCodes[s] = source.Capture(eye, 0.3 + (0.5 * noise.NextDouble()));
            templates[s] = protector.Protect(enrolledCodes[s]);
            for (int p = 0; p < probesPerEye; p++)
            {
                var probe = new IrisProbe(source.Capture(eye, 0.3 + (0.5 * noise.NextDouble())), maxShift);
                firstProbes[s] ??= probe;
                genuine.Add(protector.Compare(templates[s], probe).NormalisedDistance);
            }
        }
        var impostor = new List<double>(subjects * (subjects - 1));
        var single = new List<double>(subjects * (subjects - 1));
        for (int p = 0; p < subjects; p++)
        {
            for (int s = 0; s < subjects; s++)
            {
                if (s == p)
                {
                    continue;
                }
                impostor.Add(protector.Compare(templates[s], firstProbes[p]).NormalisedDistance);
                single.Add(IrisMatcher.Distance(enrolledCodes[s].CodeWords, enrolledCodes[s].MaskWords, firstProbes[p].Code, 0).NormalisedDistance);
            }
        }
        double mean = IrisEvaluationResult.Mean(single), sd = IrisEvaluationResult.Sd(single);
        double dof = IrisThreshold.DegreesOfFreedom(mean, sd);
        int rotations = (2 * maxShift) + 1;
        double threshold = IrisThreshold.For(targetFalseMatchRate, dof, rotations);
        return new IrisEvaluationResult(subjects, genuine, impostor, mean, sd, dof, rotations, targetFalseMatchRate, threshold);
    }
}
