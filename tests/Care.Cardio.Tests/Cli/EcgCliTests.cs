using System.Text.Json;
using Care.Cardio.Tests.Wfdb;
using Care.Cardio.Wfdb;
using Care.Cli.Hosting;
using Care.Testing;

namespace Care.Cardio.Tests.Cli;

public sealed class EcgCliTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CareCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Eval_ecg_json_has_the_documented_shape()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, output, _) = await Run("eval", "ecg", "--data", db, "--records", "100,119", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var records = json.RootElement.GetProperty("records");
        Assert.Equal(2, records.GetArrayLength());
        Assert.Equal("100", records[0].GetProperty("record").GetString());
        foreach (var field in new[] { "beats", "tp", "fn", "fp", "se", "ppv" })
        {
            Assert.True(records[0].TryGetProperty(field, out _), field);
        }
        var gross = json.RootElement.GetProperty("gross");
        Assert.Equal(records[0].GetProperty("tp").GetInt32() + records[1].GetProperty("tp").GetInt32(), gross.GetProperty("tp").GetInt32());
        Assert.InRange(gross.GetProperty("se").GetDouble(), 99.5, 100);
    }

    [Fact]
    public async Task Eval_beats_json_has_the_documented_shape()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, output, error) = await Run("eval", "beats", "--data", db, "--records", "100", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var classes = json.RootElement.GetProperty("classes");
        foreach (var c in new[] { "N", "S", "V", "F", "Q" })
        {
            Assert.True(classes.GetProperty(c).TryGetProperty("se", out _), c);
            Assert.True(classes.GetProperty(c).TryGetProperty("ppv", out _), c);
        }
        Assert.InRange(classes.GetProperty("N").GetProperty("se").GetDouble(), 90, 100);
        Assert.InRange(json.RootElement.GetProperty("heavyTierFraction").GetDouble(), 0, 0.5);
    }

    [Fact]
    public async Task Shipped_beat_model_finds_the_ventricular_beats_of_the_ds2_records_rich_in_them()
    {
        // Records 200 (bigeminy), 214 and 221 hold nearly all of the V beats of the DS2 records present; measured Se 95.2 %, +P 99.5 %.
        var db = SharedData.RequireFolder("mitdb");
        var (code, output, error) = await Run("eval", "beats", "--data", db, "--records", "200,214,221", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var v = json.RootElement.GetProperty("classes").GetProperty("V");
        Assert.InRange(v.GetProperty("se").GetDouble(), 90, 100);
        Assert.InRange(v.GetProperty("ppv").GetDouble(), 95, 100);
        Assert.InRange(json.RootElement.GetProperty("heavyTierFraction").GetDouble(), 0, 0.5);
    }

    [Fact]
    public async Task Given_a_record_without_AF_When_eval_af_prints_its_table_Then_no_NaN_appears()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, output, error) = await Run("eval", "af", "--data", db, "--records", "100");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
        Assert.Contains("not defined", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_af_json_reports_gross_duration_and_episode_figures()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, output, error) = await Run("eval", "af", "--data", db, "--records", "100", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var record = json.RootElement.GetProperty("records")[0];
        Assert.Equal(0, record.GetProperty("referenceEpisodes").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("gross").GetProperty("falseAfMinutesOnNonAfRecords").GetDouble());
        Assert.Equal(0, record.GetProperty("burdenErrorPoints").GetDouble());
    }

    [Fact]
    public async Task Eval_af_loo_ranks_every_candidate_with_held_out_figures()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, output, error) = await Run("eval", "af", "--data", db, "--records", "100,201", "--loo", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var ranked = json.RootElement.GetProperty("rankedByWorstCase");
        Assert.Equal(Care.Cardio.Evaluation.AfCandidate.All.Count, ranked.GetArrayLength());
        Assert.Equal(2, ranked[0].GetProperty("heldOut").GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task Eval_strips_measures_lossless_strips_of_every_event()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, output, error) = await Run("eval", "strips", "--data", db, "--records", "201", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var total = json.RootElement.GetProperty("total");
        Assert.True(total.GetProperty("strips").GetInt32() >= total.GetProperty("events").GetInt32());
        Assert.Equal(0, total.GetProperty("roundTripFailures").GetInt32());
        Assert.InRange(total.GetProperty("bitsPerSample").GetDouble(), 1, 8);
    }

    [Fact]
    public async Task Eval_af_loo_on_one_record_is_bad_input()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, _, error) = await Run("eval", "af", "--data", db, "--records", "100", "--loo");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("two records", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ecg_names_a_record_that_is_not_there()
    {
        var db = SharedData.RequireFolder("mitdb");
        var (code, _, error) = await Run("eval", "ecg", "--data", db, "--records", "100,999");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("record '999'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_record_in_the_database_is_bad_input_named_by_file_and_offset()
    {
        using var folder = new TempFolder();
        var good = SyntheticRecord.Write(folder, "a", 16, [Detection.SyntheticEcg.Make(250, 20, 70, 1).Samples.Select(v => (short)(v * 200)).ToArray()]);
        File.WriteAllBytes(good + ".atr", AnnotationFile.Write([new Annotation(100, AnnotationCodes.Normal)]));
        var bad = SyntheticRecord.Write(folder, "b", 16, SyntheticRecord.Signals(1, 5000, 2));
        File.WriteAllBytes(bad + ".atr", [0x05, 0x04]); // no end marker
        var (code, _, error) = await Run("eval", "ecg", "--data", folder.Path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("b.atr @ byte 2", error, StringComparison.Ordinal);
        (code, _, error) = await Run("eval", "ecg", "--data", folder.Path, "--rate", "2000");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--rate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecg_detect_writes_an_annotation_file_the_reader_round_trips()
    {
        using var folder = new TempFolder();
        var (samples, truth) = Detection.SyntheticEcg.Make(250, 60, bpm: 72, seed: 1);
        var adc = new[] { samples.Select(v => (short)Math.Round(v * 200)).ToArray() };
        var path = SyntheticRecord.Write(folder, "syn", 16, adc);
        var (code, output, error) = await Run("ecg", "detect", path, "--annotator", "qrs", "--out", folder.Path);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("syn.qrs", output, StringComparison.Ordinal);
        var back = WfdbRecord.ReadAnnotations(path, "qrs");
        Assert.Equal(truth.Count, back.Count);
        Assert.All(back, a => Assert.Equal(AnnotationCodes.Normal, a.Code));
    }

    [Fact]
    public async Task Ecg_info_describes_signals_and_reports_corrupt_files_with_offset()
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "i", 212, SyntheticRecord.Signals(2, 500, 1));
        var (code, output, _) = await Run("ecg", "info", path);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("2 signals at 250 Hz, 500 samples", output, StringComparison.Ordinal);
        Assert.Contains("lead1", output, StringComparison.Ordinal);
        File.WriteAllBytes(path + ".dat", File.ReadAllBytes(path + ".dat")[..100]);
        (code, _, var error) = await Run("ecg", "info", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("i.dat @ byte 100", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecg")]
    [InlineData("af")]
    [InlineData("beats")]
    public async Task Given_an_empty_record_list_When_evaluating_Then_it_exits_2_naming_the_option(string evaluation)
    {
        using var folder = new TempFolder();
        SyntheticRecord.Write(folder, "e", 212, SyntheticRecord.Signals(2, 300, 1));
        File.WriteAllBytes(folder.File("e.atr"), AnnotationFile.Write([new Annotation(10, AnnotationCodes.Normal)]));

        var (code, output, error) = await Run("eval", evaluation, "--data", folder.Path, "--records", "");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"care eval {evaluation}: --records: '' names no record", error, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_folder_where_the_signal_file_should_be_When_ecg_info_Then_it_exits_2_with_the_cause()
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "d", 212, SyntheticRecord.Signals(2, 300, 2));
        File.Delete(path + ".dat");
        Directory.CreateDirectory(path + ".dat");

        var (code, _, error) = await Run("ecg", "info", path);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("d.dat @ byte 0: is a folder, not a file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }
}
