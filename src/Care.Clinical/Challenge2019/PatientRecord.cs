namespace Care.Clinical.Challenge2019;

/// <summary>
/// One ICU stay of the Challenge 2019 data: hourly rows of the 40 input columns (NaN = not
/// measured that hour) and the hourly <c>SepsisLabel</c>. Immutable once built.
/// </summary>
public sealed class PatientRecord
{
    private readonly float[] _values;
    private readonly bool[] _labels;

    /// <summary>Creates a record; <paramref name="values"/> is row-major, 40 values per hour.</summary>
    /// <exception cref="ArgumentException">The lengths disagree or there are no rows.</exception>
    public PatientRecord(string id, float[] values, bool[] labels)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length == 0 || values.Length != labels.Length * ChallengeColumns.InputCount)
        {
            throw new ArgumentException($"expected {ChallengeColumns.InputCount} values per label row and at least one row", nameof(values));
        }
        Id = id;
        _values = values;
        _labels = labels;
        FirstPositiveHour = Array.IndexOf(labels, true);
    }

    /// <summary>The patient id, the file name without extension (e.g. <c>p000001</c>).</summary>
    public string Id { get; }

    /// <summary>Number of hourly rows (at least 1).</summary>
    public int Hours => _labels.Length;

    /// <summary>True when any hour has <c>SepsisLabel</c> = 1.</summary>
    public bool IsSeptic => FirstPositiveHour >= 0;

    /// <summary>Index of the first row with <c>SepsisLabel</c> = 1, or -1 for a non-septic stay.</summary>
    public int FirstPositiveHour { get; }

    /// <summary>The 40 input values of hour <paramref name="hour"/> (NaN = missing).</summary>
    public ReadOnlySpan<float> Row(int hour) => _values.AsSpan(hour * ChallengeColumns.InputCount, ChallengeColumns.InputCount);

    /// <summary>The hourly labels.</summary>
    public ReadOnlySpan<bool> Labels => _labels;
}
