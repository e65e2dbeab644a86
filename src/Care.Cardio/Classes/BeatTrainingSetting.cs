namespace Care.Cardio.Classes;

/// <summary>The choices a beat model is trained with (see <see cref="BeatTrainer.Train"/>).</summary>
/// <param name="Hidden">Hidden units (1–256).</param>
/// <param name="Epochs">Passes over the training beats (1–1000).</param>
/// <param name="ClassWeightPower">Power of the inverse class frequency in the loss weights (0–1).</param>
public sealed record BeatTrainingSetting(int Hidden, int Epochs, double ClassWeightPower)
{
    /// <summary>The settings compared by leave-one-record-out cross-validation on DS1, in order.</summary>
    public static IReadOnlyList<BeatTrainingSetting> Grid { get; } =
        [new(16, 40, 0.5), new(16, 40, 1), new(32, 40, 0.5), new(32, 40, 1)];

    /// <inheritdoc/>
    public override string ToString() => $"hidden {Hidden}, epochs {Epochs}, class-weight power {ClassWeightPower:0.##}";
}
