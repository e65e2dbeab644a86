using Care.Cardio.Classes;

namespace Care.Cardio.Tests.Classes;

public sealed class BeatCrossValidationTests
{
    // Records of separable beats: N near 0, S with short RR (feature 0), V with a big peak (feature 8).
    private static List<IReadOnlyList<LabelledBeat>> Records(int count, int seed)
    {
        var random = new Random(seed);
        var records = new List<IReadOnlyList<LabelledBeat>>();
        for (var r = 0; r < count; r++)
        {
            var beats = new List<LabelledBeat>();
            for (var i = 0; i < 90; i++)
            {
                var c = (AamiClass)(i % 3);
                var f = ToyBeats.Features(c, random);
                beats.Add(new LabelledBeat(i * 300, f, Flagged: c != AamiClass.N || i % 2 == 0, c));
            }
            beats.Add(new LabelledBeat(90 * 300, new float[BeatFeatures.Count], Flagged: false, Reference: null));
            records.Add(beats);
        }
        return records;
    }

    [Fact]
    public void Leave_one_record_out_scores_every_labelled_beat_once_and_is_reproducible()
    {
        var records = Records(4, 1);
        var setting = new BeatTrainingSetting(16, 60, 1);
        var a = BeatCrossValidation.LeaveOneRecordOut(records, setting, seed: 1);
        var b = BeatCrossValidation.LeaveOneRecordOut(records, setting, seed: 1);
        Assert.Equal(a, b);
        Assert.Equal(4 * 90, a.Cast<long>().Sum());
        Assert.True(BeatCrossValidation.Score(a) > 75, $"score {BeatCrossValidation.Score(a):F1}");
    }

    [Fact]
    public void Score_is_the_mean_of_v_and_s_sensitivity_and_predictivity()
    {
        var m = new long[AamiClasses.Count, AamiClasses.Count];
        m[(int)AamiClass.V, (int)AamiClass.V] = 8;
        m[(int)AamiClass.V, (int)AamiClass.N] = 2;   // V Se 80
        m[(int)AamiClass.N, (int)AamiClass.V] = 2;   // V +P 80
        m[(int)AamiClass.S, (int)AamiClass.S] = 5;
        m[(int)AamiClass.S, (int)AamiClass.N] = 5;   // S Se 50, S +P 100
        Assert.Equal((80 + 80 + 50 + 100) / 4.0, BeatCrossValidation.Score(m), 9);
        Assert.Equal(0, BeatCrossValidation.Score(new long[AamiClasses.Count, AamiClasses.Count]));
    }

    [Fact]
    public void Fewer_than_two_records_and_bad_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => BeatCrossValidation.LeaveOneRecordOut(Records(1, 2), BeatTrainingSetting.Grid[0], 1));
        var records = Records(1, 3)[0];
        Assert.Throws<ArgumentOutOfRangeException>(() => BeatTrainer.Train([.. records.Select(b => b.Features)], [.. records.Select(b => b.Reference ?? AamiClass.N)], 1, "t", classWeightPower: 1.5));
    }
}
