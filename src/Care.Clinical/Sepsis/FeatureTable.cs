using Care.Clinical.Challenge2019;

namespace Care.Clinical.Sepsis;

/// <summary>The causal feature vectors of every hour of a set of patients, row-major, computed once.</summary>
internal sealed class FeatureTable
{
    private FeatureTable(IReadOnlyList<PatientRecord> patients, float[] values, int[] offsets)
    {
        Patients = patients;
        Values = values;
        Offsets = offsets;
    }

    public IReadOnlyList<PatientRecord> Patients { get; }

    /// <summary>Row-major features, <see cref="SepsisFeatures.Count"/> per patient-hour.</summary>
    public float[] Values { get; }

    /// <summary>First row of patient p is Offsets[p]; Offsets[^1] is the row count.</summary>
    public int[] Offsets { get; }

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * SepsisFeatures.Count, SepsisFeatures.Count);

    public static FeatureTable Build(IReadOnlyList<PatientRecord> patients, int threads, SepsisInputSet inputs = SepsisInputSet.Full)
    {
        var offsets = new int[patients.Count + 1];
        for (int p = 0; p < patients.Count; p++)
        {
            offsets[p + 1] = offsets[p] + patients[p].Hours;
        }
        var values = new float[(long)offsets[^1] * SepsisFeatures.Count];
        Parallel.For(0, patients.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new SepsisFeatureState(inputs), (p, _, state) =>
        {
            state.Reset();
            var record = patients[p];
            for (int t = 0; t < record.Hours; t++)
            {
                state.Update(record.Row(t), values.AsSpan((offsets[p] + t) * SepsisFeatures.Count, SepsisFeatures.Count));
            }
            return state;
        }, _ => { });
        return new FeatureTable(patients, values, offsets);
    }

    /// <summary>Copies the rows and labels of <paramref name="patientIndexes"/> into a training matrix.</summary>
    public (float[] Rows, bool[] Labels) Gather(IReadOnlyList<int> patientIndexes)
    {
        long total = patientIndexes.Sum(p => (long)Patients[p].Hours);
        var rows = new float[total * SepsisFeatures.Count];
        var labels = new bool[total];
        int r = 0;
        foreach (int p in patientIndexes)
        {
            int hours = Patients[p].Hours;
            Values.AsSpan(Offsets[p] * SepsisFeatures.Count, hours * SepsisFeatures.Count).CopyTo(rows.AsSpan(r * SepsisFeatures.Count));
            Patients[p].Labels.CopyTo(labels.AsSpan(r));
            r += hours;
        }
        return (rows, labels);
    }
}
