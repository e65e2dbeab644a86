using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis;
using Care.Clinical.Sepsis.Boosting;

namespace Care.Clinical.Tests.Sepsis;

public sealed class SepsisInputSetTests
{
    private static readonly BoostingOptions Quick = new() { Rounds = 25, MaxLeaves = 8, MinLeafRows = 20, LearningRate = 0.2, Threads = 1 };

    private static string Text(SepsisModel model)
    {
        var w = new StringWriter();
        model.Write(w);
        return w.ToString();
    }

    /// <summary>A stay with every one of the 40 columns measured every hour (labs drift too).</summary>
    private static float[][] FullRows(int hours, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, hours).Select(t =>
        {
            var row = new float[ChallengeColumns.InputCount];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = (float)(10 + c + t * 0.3 + rng.NextDouble());
            }
            row[ChallengeColumns.FiO2] = 0.4f;
            row[ChallengeColumns.Gender] = 1;
            row[ChallengeColumns.ICULOS] = t + 7;
            return row;
        })];
    }

    private static float[] Masked(float[] row, SepsisInputSet set) =>
        [.. row.Select((x, c) => SepsisInputs.Uses(set, c) ? x : float.NaN)];

    [Fact]
    public void Vitals_set_reads_the_seven_wearable_vitals_age_and_gender_only()
    {
        var columns = SepsisInputs.Columns(SepsisInputSet.Vitals).Select(c => ChallengeColumns.Names[c]);
        Assert.Equal(["HR", "O2Sat", "Temp", "SBP", "MAP", "DBP", "Resp", "Age", "Gender"], columns);
        Assert.Equal(ChallengeColumns.InputCount, SepsisInputs.Columns(SepsisInputSet.Full).Count);
        Assert.False(SepsisInputs.Uses(SepsisInputSet.Vitals, ChallengeColumns.ICULOS));
        Assert.False(SepsisInputs.Uses(SepsisInputSet.Vitals, 40));
    }

    [Fact]
    public void Vitals_state_on_full_rows_equals_full_state_on_rows_without_labs_or_icu_time_except_the_workflow_features()
    {
        var vitals = new SepsisFeatureState(SepsisInputSet.Vitals);
        var full = new SepsisFeatureState();
        var a = new float[SepsisFeatures.Count];
        var b = new float[SepsisFeatures.Count];
        var names = SepsisFeatures.Names.ToList();
        var excluded = SepsisInputs.ExcludedFeatures(SepsisInputSet.Vitals);
        int t = 0;
        foreach (var row in FullRows(30, 1))
        {
            vitals.Update(row, a);
            full.Update(Masked(row, SepsisInputSet.Vitals), b);
            foreach (int f in excluded)
            {
                b[f] = float.NaN;
            }
            Assert.Equal(b, a);
            foreach (var leaked in new[] { "ICULOS", "HospAdmTime", "Unit1", "Unit2", "Lactate", "WBC_hoursSince", "EtCO2", "FiO2", "SpO2_FiO2", "BUN_Creatinine", "EtCO2_mean6h" })
            {
                Assert.True(float.IsNaN(a[names.IndexOf(leaked)]), leaked);
            }
            Assert.Equal(0f, a[names.IndexOf("SOFA")] - (row[ChallengeColumns.MAP] < 70 ? 1 : 0));
            Assert.True(float.IsNaN(a[names.IndexOf("HoursInRecord")]));
            Assert.True(float.IsNaN(a[names.IndexOf("HR_perHour")]));
            Assert.Equal(row[ChallengeColumns.HR], a[names.IndexOf("HR")]);
            Assert.Equal(row[ChallengeColumns.Age], a[names.IndexOf("Age")]);
            t++;
        }
    }

    [Fact]
    public void Vitals_set_excludes_exactly_hours_in_record_and_every_hours_since_and_per_hour_feature_and_full_excludes_none()
    {
        var names = SepsisInputs.ExcludedFeatures(SepsisInputSet.Vitals).Select(f => SepsisFeatures.Names[f]).ToList();
        var expected = SepsisFeatures.Names.Where(n => n == "HoursInRecord" || n.EndsWith("_hoursSince", StringComparison.Ordinal) || n.EndsWith("_perHour", StringComparison.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal(2 * ChallengeColumns.MeasuredCount + 1, names.Count);
        Assert.Empty(SepsisInputs.ExcludedFeatures(SepsisInputSet.Full));
    }

    [Fact]
    public void Vitals_state_keeps_every_workflow_feature_nan_through_gaps_and_irregular_measurements()
    {
        var state = new SepsisFeatureState(SepsisInputSet.Vitals);
        var full = new SepsisFeatureState();
        var a = new float[SepsisFeatures.Count];
        var b = new float[SepsisFeatures.Count];
        var rng = new Random(5);
        var seenInFull = new HashSet<int>();
        foreach (var row in FullRows(60, 3))
        {
            for (int c = 0; c < row.Length; c++)
            {
                if (rng.NextDouble() < 0.4)
                {
                    row[c] = float.NaN;
                }
            }
            state.Update(row, a);
            full.Update(row, b);
            foreach (int f in SepsisInputs.ExcludedFeatures(SepsisInputSet.Vitals))
            {
                Assert.True(float.IsNaN(a[f]), SepsisFeatures.Names[f]);
                if (!float.IsNaN(b[f]))
                {
                    seenInFull.Add(f);
                }
            }
        }
        // The full set still computes them (so the exclusion is what makes them NaN).
        Assert.Equal(SepsisInputs.ExcludedFeatures(SepsisInputSet.Vitals).Count, seenInFull.Count);
    }

    [Fact]
    public void Vitals_model_trained_on_stays_of_different_lengths_never_splits_on_a_workflow_feature()
    {
        // Labels here start mid-stay and temperature is measured every 4 h, so time in record and
        // the measurement schedule are predictive; the vitals set must still never split on them.
        var records = SepsisTestData.Synthetic(80, hours: 40, seed: 13);
        var vitals = SepsisTrainer.Train(records, 1, Quick, inputs: SepsisInputSet.Vitals);
        Assert.Empty(vitals.Trees.SplitFeatures().Intersect(SepsisInputs.ExcludedFeatures(SepsisInputSet.Vitals)));
        Assert.NotEmpty(vitals.Trees.SplitFeatures());
    }

    [Fact]
    public void Shipped_vitals_model_never_splits_on_a_workflow_feature()
    {
        string? path = null;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null && path is null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "models", "sepsis-vitals-v3.model");
            path = File.Exists(candidate) ? candidate : null;
        }
        Assert.NotNull(path);
        var model = SepsisModel.Load(path);
        Assert.Equal(SepsisInputSet.Vitals, model.Inputs);
        var used = model.Trees.SplitFeatures();
        Assert.Empty(used.Intersect(SepsisInputs.ExcludedFeatures(SepsisInputSet.Vitals)).Select(f => SepsisFeatures.Names[f]));
        Assert.All(used, f => Assert.DoesNotContain(SepsisFeatures.Names[f], new[] { "ICULOS", "HospAdmTime", "Unit1", "Unit2" }));

        // A week of steady normal vitals in one record: the risk is fixed once the 24-h windows are full.
        var scorer = new SepsisStreamScorer(model);
        var margins = new List<double>();
        for (int t = 0; t < 7 * 24; t++)
        {
            margins.Add(scorer.UpdateMargin(SteadyNormalRow()));
        }
        Assert.All(margins.Skip(SepsisFeatures.LongWindowHours), m => Assert.Equal(margins[SepsisFeatures.LongWindowHours], m));
        Assert.True(margins[^1] < model.AlarmMargin, $"margin {margins[^1]} vs alarm {model.AlarmMargin}");
    }

    private static float[] SteadyNormalRow()
    {
        var row = new float[ChallengeColumns.InputCount];
        Array.Fill(row, float.NaN);
        row[ChallengeColumns.HR] = 75;
        row[ChallengeColumns.O2Sat] = 97;
        row[ChallengeColumns.Temp] = 36.9f;
        row[ChallengeColumns.SBP] = 122;
        row[ChallengeColumns.DBP] = 78;
        row[ChallengeColumns.MAP] = (122 + 2 * 78) / 3f;
        row[ChallengeColumns.Resp] = 16;
        return row;
    }

    [Fact]
    public void Vitals_features_of_steady_hourly_vitals_stop_changing_once_the_long_window_is_full()
    {
        var state = new SepsisFeatureState(SepsisInputSet.Vitals);
        var at24 = new float[SepsisFeatures.Count];
        var f = new float[SepsisFeatures.Count];
        for (int t = 0; t < 10 * 24; t++)
        {
            state.Update(SteadyNormalRow(), f);
            if (t == SepsisFeatures.LongWindowHours)
            {
                f.CopyTo(at24, 0);
            }
            else if (t > SepsisFeatures.LongWindowHours)
            {
                Assert.Equal(at24, f);
            }
        }
    }

    [Fact]
    public void Vitals_model_records_its_inputs_and_ignores_columns_outside_them_when_scoring()
    {
        var records = SepsisTestData.Synthetic(80, hours: 40, seed: 11);
        var model = SepsisTrainer.Train(records, 1, Quick, inputs: SepsisInputSet.Vitals);
        Assert.Equal(SepsisInputSet.Vitals, model.Inputs);
        Assert.Contains("\ninputs vitals\n", Text(model), StringComparison.Ordinal);
        var copy = SepsisModel.Read(new StringReader(Text(model)), "vitals.model");
        Assert.Equal(SepsisInputSet.Vitals, copy.Inputs);
        Assert.Equal(Text(model), Text(copy));

        var withLabs = new SepsisStreamScorer(copy);
        var without = new SepsisStreamScorer(copy);
        var rows = FullRows(40, 2);
        foreach (var row in rows)
        {
            var r = withLabs.Update(row, top: 40);
            Assert.Equal(without.UpdateMargin(Masked(row, SepsisInputSet.Vitals)), copy.Trees.Margin(Features(copy, rows, r.Hour)));
            Assert.DoesNotContain(r.TopContributions, c => c.Feature.StartsWith("ICULOS", StringComparison.Ordinal) || c.Feature.StartsWith("Lactate", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Vitals_cross_validation_beats_chance_on_synthetic_vital_sign_drift()
    {
        // The synthetic septic stays drift in HR, respiration, systolic pressure and temperature only,
        // so a vitals-only model must still separate them.
        var records = SepsisTestData.Synthetic(120, hours: 40, seed: 12);
        var report = SepsisEvaluator.CrossValidate(records, 3, 1, Quick, inputs: SepsisInputSet.Vitals);
        Assert.True(report.Model.Auroc > 0.85, $"AUROC {report.Model.Auroc}");
        Assert.Equal(120, report.Model.Patients);
    }

    [Fact]
    public void Model_file_without_an_inputs_line_is_full_and_an_unknown_set_is_rejected()
    {
        var records = SepsisTestData.Synthetic(40, hours: 30, seed: 4);
        var text = Text(SepsisTrainer.Train(records, 1, Quick with { Rounds = 2 }));
        Assert.Contains("\ninputs full\n", text, StringComparison.Ordinal);
        var old = SepsisModel.Read(new StringReader(text.Replace("inputs full\n", "", StringComparison.Ordinal)), "old.model");
        Assert.Equal(SepsisInputSet.Full, old.Inputs);
        var e = Assert.Throws<Care.Core.Errors.InvalidInputException>(() =>
            SepsisModel.Read(new StringReader(text.Replace("inputs full", "inputs labs", StringComparison.Ordinal)), "odd.model"));
        Assert.Contains("odd.model line 7", e.Message, StringComparison.Ordinal);
    }

    private static float[] Features(SepsisModel model, float[][] rows, int hour)
    {
        var state = new SepsisFeatureState(model.Inputs);
        var f = new float[SepsisFeatures.Count];
        for (int t = 0; t <= hour; t++)
        {
            state.Update(rows[t], f);
        }
        return f;
    }
}
