namespace Care.Clinical.Sepsis;

/// <summary>
/// Scores one patient incrementally: each <see cref="Update"/> feeds the next hour's observations
/// and returns that hour's risk from the running feature state (rows 0..t, no recomputation of
/// the history). Allocates its buffers once. Not thread-safe: one instance per patient.
/// </summary>
public sealed class SepsisStreamScorer
{
    private readonly SepsisModel _model;
    private readonly SepsisFeatureState _state;
    private readonly float[] _features = new float[SepsisFeatures.Count];
    private readonly double[] _contributions = new double[SepsisFeatures.Count];

    /// <summary>Creates a scorer for a new patient.</summary>
    public SepsisStreamScorer(SepsisModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _state = new SepsisFeatureState(model.Inputs);
    }

    /// <summary>Hours fed so far.</summary>
    public int Hours => _state.Hours;

    /// <summary>
    /// Feeds the next hour (40 values in Challenge column order, NaN = not measured; columns outside
    /// the model's <see cref="SepsisModel.Inputs"/> are ignored) and returns
    /// its risk with the <paramref name="top"/> largest feature contributions.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="row"/> does not have 40 values.</exception>
    public SepsisRisk Update(ReadOnlySpan<float> row, int top = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        int hour = _state.Hours;
        _state.Update(row, _features);
        _model.Trees.Contributions(_features, _contributions);
        // The margin comes from the same summation as batch scoring, so alarms agree bit for bit.
        double margin = _model.Trees.Margin(_features);
        return _model.Assess(hour, margin, _features, _contributions, top);
    }

    /// <summary>Feeds the next hour and returns only its log-odds (the fast path, no explanation).</summary>
    public double UpdateMargin(ReadOnlySpan<float> row)
    {
        _state.Update(row, _features);
        return _model.Trees.Margin(_features);
    }

    /// <summary>Starts over for a new patient.</summary>
    public void Reset() => _state.Reset();
}
