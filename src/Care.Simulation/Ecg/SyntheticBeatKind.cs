namespace Care.Simulation.Ecg;

/// <summary>What kind of beat the synthetic ECG drew.</summary>
public enum SyntheticBeatKind
{
    /// <summary>A sinus beat: P wave, narrow QRS, T wave.</summary>
    Sinus = 0,

    /// <summary>A conducted beat during atrial fibrillation: no P wave, narrow QRS.</summary>
    AtrialFibrillation = 1,

    /// <summary>A ventricular beat: no P wave, wide tall QRS, discordant T wave.</summary>
    Ventricular = 2,
}
