namespace Care.Clinical.Sepsis.Boosting;

/// <summary>
/// Hyper-parameters of the histogram gradient-boosted trees (binary log-loss). Immutable.
/// Training with equal options, data and <see cref="Seed"/> gives a bit-identical model.
/// </summary>
public sealed record BoostingOptions
{
    /// <summary>Number of trees (≥ 1).</summary>
    public int Rounds { get; init; } = 200;

    /// <summary>Shrinkage applied to every tree, in (0, 1].</summary>
    public double LearningRate { get; init; } = 0.08;

    /// <summary>Maximum leaves per tree (grown best-first), ≥ 2.</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Maximum depth of a leaf, ≥ 1.</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>Minimum training rows in a leaf.</summary>
    public int MinLeafRows { get; init; } = 100;

    /// <summary>L2 regularisation of leaf values (λ ≥ 0).</summary>
    public double L2 { get; init; } = 2.0;

    /// <summary>Fraction of positive rows drawn (seeded) for each tree, in (0, 1].</summary>
    public double PositiveRowFraction { get; init; } = 0.8;

    /// <summary>
    /// Fraction of negative rows drawn (seeded) for each tree, in (0, 1]; drawn rows are weighted by
    /// PositiveRowFraction / NegativeRowFraction relative to positives, so the loss stays that of all rows.
    /// </summary>
    public double NegativeRowFraction { get; init; } = 0.2;

    /// <summary>Fraction of features offered (seeded) to each tree, in (0, 1].</summary>
    public double FeatureFraction { get; init; } = 0.8;

    /// <summary>Histogram bins for finite values (≤ 255); NaN has its own bin.</summary>
    public int Bins { get; init; } = 63;

    /// <summary>
    /// Rounds without improvement of the validation log-loss after which training stops (0 = never;
    /// the sepsis trainer validates on its holdout of the training patients). <see cref="Rounds"/> is then the maximum.
    /// </summary>
    public int EarlyStoppingRounds { get; init; }

    /// <summary>
    /// Train the sepsis model on the Challenge utility instead of the plain label: each hour's target is
    /// whether an alarm then earns more utility than silence, weighted by the difference (in units of
    /// a false alarm's cost), so hours 12–6 h before onset count as positive and hours past the
    /// scored window are left out. Rank metrics and calibration still use the label.
    /// </summary>
    public bool UtilityTarget { get; init; }

    /// <summary>
    /// Models trained (by the sepsis trainer) with different sampling seeds on the same patients and
    /// averaged into one ensemble (≥ 1; 1 = a single model).
    /// </summary>
    public int BagSize { get; init; } = 1;

    /// <summary>Seed of row and feature sampling.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Worker threads for histogram building (results do not depend on it).</summary>
    public int Threads { get; init; } = 2;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Rounds, 1, nameof(Rounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLeaves, 2, nameof(MaxLeaves));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinLeafRows, 1, nameof(MinLeafRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfNegative(EarlyStoppingRounds, nameof(EarlyStoppingRounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(BagSize, 1, nameof(BagSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Bins, 2, nameof(Bins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Bins, 255, nameof(Bins));
        if (!(LearningRate > 0 && LearningRate <= 1) || !(PositiveRowFraction > 0 && PositiveRowFraction <= 1) || !(NegativeRowFraction > 0 && NegativeRowFraction <= 1)
            || !(FeatureFraction > 0 && FeatureFraction <= 1) || !(L2 >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), "learning rate, fractions must be in (0, 1] and L2 ≥ 0");
        }
    }
}
