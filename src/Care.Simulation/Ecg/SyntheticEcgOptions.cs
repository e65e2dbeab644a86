namespace Care.Simulation.Ecg;

/// <summary>
/// What the synthetic ECG draws: rate, variability, noise and how often arrhythmias occur.
/// Immutable; thread safe. Defaults are a wearable chest patch at 250 Hz on a healthy adult with
/// occasional ectopy, rare pauses and paroxysmal AF (a few episodes a day).
/// </summary>
public sealed record SyntheticEcgOptions
{
    /// <summary>Sampling rate, Hz (125–1000; default 250, a wearable's rate).</summary>
    public double SamplingHz { get; init; } = 250;

    /// <summary>Mean sinus heart rate, beats per minute (30–180; default 70).</summary>
    public double HeartRateBpm { get; init; } = 70;

    /// <summary>Respiratory rate, breaths per minute: drives respiratory sinus arrhythmia and baseline wander (default 15).</summary>
    public double RespiratoryRatePerMinute { get; init; } = 15;

    /// <summary>Amplitude of muscle (EMG) noise, mV standard deviation (default 0.02).</summary>
    public double MuscleNoiseMv { get; init; } = 0.02;

    /// <summary>Amplitude of baseline wander, mV (default 0.1).</summary>
    public double BaselineWanderMv { get; init; } = 0.1;

    /// <summary>Amplitude of mains interference, mV (default 0.01).</summary>
    public double MainsMv { get; init; } = 0.01;

    /// <summary>Mains frequency, Hz (50 or 60; default 50).</summary>
    public double MainsHz { get; init; } = 50;

    /// <summary>Chance per sinus beat that a paroxysm of AF begins (default 1/8,000: about one episode every two hours).</summary>
    public double AfOnsetPerBeat { get; init; } = 1.0 / 8000;

    /// <summary>Shortest and longest AF episode (defaults 2 and 15 minutes).</summary>
    public TimeSpan AfMinDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc cref="AfMinDuration"/>
    public TimeSpan AfMaxDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Chance per sinus beat of a single premature ventricular beat (default 1/1,000).</summary>
    public double VentricularBeatPerBeat { get; init; } = 1.0 / 1000;

    /// <summary>Chance per sinus beat of a run of 3–6 ventricular beats (default 1/15,000).</summary>
    public double VentricularRunPerBeat { get; init; } = 1.0 / 15000;

    /// <summary>Chance per sinus beat of a sinus pause of 2.4–3.6 s (default 1/10,000).</summary>
    public double PausePerBeat { get; init; } = 1.0 / 10000;

    /// <summary>A clean, regular sinus ECG: no noise and no arrhythmia (for detector tests).</summary>
    public static SyntheticEcgOptions Clean { get; } = new()
    {
        MuscleNoiseMv = 0, BaselineWanderMv = 0, MainsMv = 0,
        AfOnsetPerBeat = 0, VentricularBeatPerBeat = 0, VentricularRunPerBeat = 0, PausePerBeat = 0,
    };
}
