using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Cardio.Classes;
using Care.Cardio.Wfdb;
using Care.Cli.Hosting;
using Care.Core.Errors;

namespace Care.Cli.Ecg;

/// <summary>
/// <c>care train beats --data DIR --seed N [--out FILE]</c> and <c>care eval beats --data DIR [--records …]
/// [--json] [--model FILE]</c>: the heavy tier's AAMI beat classifier, trained on the DS1 records of
/// de Chazal's inter-patient split that are present, scored on DS2.
/// </summary>
internal static class BeatClassCommands
{
    public const string ShippedModelPath = "src/Care.Cardio/Classes/beats-v2.json";

    public static Command Train()
    {
        var db = EcgPaths.DataOption("Folder of MIT-BIH records");
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var outFile = new Option<string>("--out") { Description = "Model file to write", DefaultValueFactory = _ => ShippedModelPath };
        var command = new Command("beats", "Train the AAMI beat classifier on the DS1 records present (de Chazal 2004): setting chosen by leave-one-record-out cross-validation on DS1, INT8-quantised.") { db, seed, outFile };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var folder = EcgPaths.DataFolder(parse, db);
            var present = EcgPaths.Records(folder, null).Where(p => DeChazalSplit.Ds1.Contains(Path.GetFileName(p))).ToList();
            if (present.Count == 0)
            {
                throw new InvalidInputException("--data", $"no DS1 record (de Chazal 2004) in '{folder}'");
            }
            var records = Load(present, cancel);
            var data = records.SelectMany(x => x).Where(b => b.Flagged && b.Reference is not null).ToList();
            var s = parse.GetValue(seed);
            var output = parse.InvocationConfiguration.Output;
            // The setting is chosen by leave-one-record-out cross-validation on DS1 alone (never on DS2).
            await output.WriteLineAsync("leave-one-record-out on DS1 (INT8): setting, V Se/+P, S Se/+P %, score");
            BeatTrainingSetting? best = null;
            var bestScore = double.NegativeInfinity;
            foreach (var setting in BeatTrainingSetting.Grid)
            {
                var m = BeatCrossValidation.LeaveOneRecordOut(records, setting, s);
                var score = BeatCrossValidation.Score(m);
                var (vse, vppv) = Rates(m, (int)AamiClass.V);
                var (sse, sppv) = Rates(m, (int)AamiClass.S);
                await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "  {0}: V {1:F1}/{2:F1}, S {3:F1}/{4:F1}, score {5:F1}", setting, vse, vppv, sse, sppv, score));
                if (score > bestScore)
                {
                    (best, bestScore) = (setting, score);
                }
            }
            var chosen = best!;
            var provenance = string.Format(CultureInfo.InvariantCulture,
                "care train beats --data DIR --seed {0}; DS1 records present: {1}; {2} flagged beats; {3}, chosen by leave-one-record-out on DS1 (score {4:F1})",
                s, string.Join(' ', present.Select(Path.GetFileName)), data.Count, chosen, bestScore);
            var model = BeatTrainer.Train([.. data.Select(b => b.Features)], [.. data.Select(b => b.Reference!.Value)], s, provenance, chosen.Hidden, chosen.Epochs, chosen.ClassWeightPower);
            var file = parse.GetRequiredValue(outFile);
            await File.WriteAllTextAsync(file, model.ToJson() + "\n", cancel);
            await output.WriteLineAsync($"{file}: {chosen}; trained on {data.Count} flagged beats of {present.Count} DS1 records");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Eval()
    {
        var db = EcgPaths.DataOption("Folder of MIT-BIH records");
        var records = new Option<string?>("--records") { Description = "Comma-separated records (default: the DS2 records present, de Chazal 2004)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var modelFile = new Option<string?>("--model") { Description = "Model file (default: the model shipped in Care.Cardio)" };
        var command = new Command("beats", "Score the AAMI beat classes (N, S, V, F, Q): per-class Se and +P, before and after INT8 quantisation.") { db, records, json, modelFile };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var folder = EcgPaths.DataFolder(parse, db);
            var only = parse.GetValue(records);
            var paths = only is null
                ? EcgPaths.Records(folder, null).Where(p => DeChazalSplit.Ds2.Contains(Path.GetFileName(p))).ToList()
                : EcgPaths.Records(folder, only);
            if (paths.Count == 0)
            {
                throw new InvalidInputException("--data", $"no DS2 record (de Chazal 2004) in '{folder}'");
            }
            var model = parse.GetValue(modelFile) is { } f
                ? BeatModel.FromJson(File.Exists(f) ? await File.ReadAllTextAsync(f, cancel) : throw new InvalidInputException("--model", $"no file '{f}'"), f)
                : BeatModel.Shipped();
            var beats = Load(paths, cancel).SelectMany(x => x).ToList();
            var result = Score(model, beats);
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(result) : ToTable(result, paths));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<IReadOnlyList<LabelledBeat>> Load(IReadOnlyList<string> paths, CancellationToken cancel)
    {
        var result = new IReadOnlyList<LabelledBeat>[paths.Count];
        EcgPaths.ForEachRecord(paths.Count, cancel, i =>
        {
            if (DeChazalSplit.Paced.Contains(Path.GetFileName(paths[i])))
            {
                result[i] = [];
                return;
            }
            result[i] = BeatDataset.Build(WfdbRecord.Read(paths[i]), WfdbRecord.ReadAnnotations(paths[i]));
        });
        return [.. result];
    }

    internal sealed record Outcome(long[,] Int8, long[,] Float, double HeavyTierFraction, int Beats);

    internal static Outcome Score(BeatModel model, IReadOnlyList<LabelledBeat> beats)
    {
        var q = new long[AamiClasses.Count, AamiClasses.Count];
        var f = new long[AamiClasses.Count, AamiClasses.Count];
        var hidden = new float[model.Hidden];
        var input8 = new sbyte[model.Inputs];
        var hidden8 = new sbyte[model.Hidden];
        var flagged = 0;
        foreach (var b in beats)
        {
            var p8 = AamiClass.N;
            var pf = AamiClass.N;
            if (b.Flagged)
            {
                flagged++;
                p8 = model.ClassifyInt8(b.Features, input8, hidden8);
                pf = model.ClassifyFloat(b.Features, hidden);
            }
            if (b.Reference is { } r)
            {
                q[(int)r, (int)p8]++;
                f[(int)r, (int)pf]++;
            }
        }
        return new Outcome(q, f, beats.Count == 0 ? 0 : flagged / (double)beats.Count, beats.Count);
    }

    private static (double Se, double Ppv) Rates(long[,] m, int c)
    {
        long row = 0, col = 0;
        for (var k = 0; k < AamiClasses.Count; k++)
        {
            row += m[c, k];
            col += m[k, c];
        }
        return (row == 0 ? double.NaN : 100.0 * m[c, c] / row, col == 0 ? double.NaN : 100.0 * m[c, c] / col);
    }

    private static double Accuracy(long[,] m)
    {
        long right = 0, all = 0;
        for (var a = 0; a < AamiClasses.Count; a++)
        {
            for (var b = 0; b < AamiClasses.Count; b++)
            {
                all += m[a, b];
                right += a == b ? m[a, b] : 0;
            }
        }
        return all == 0 ? double.NaN : 100.0 * right / all;
    }

    private static JsonObject Classes(long[,] m)
    {
        var o = new JsonObject();
        for (var c = 0; c < AamiClasses.Count; c++)
        {
            var (se, ppv) = Rates(m, c);
            o[((AamiClass)c).ToString()] = new JsonObject { ["se"] = Round(se), ["ppv"] = Round(ppv) };
        }
        return o;
    }

    internal static string ToJson(Outcome r)
    {
        var root = new JsonObject
        {
            ["classes"] = Classes(r.Int8),
            ["heavyTierFraction"] = Math.Round(r.HeavyTierFraction, 4),
            ["accuracy"] = Round(Accuracy(r.Int8)),
            ["float"] = new JsonObject { ["classes"] = Classes(r.Float), ["accuracy"] = Round(Accuracy(r.Float)) },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    internal static string ToTable(Outcome r, IReadOnlyList<string> paths)
    {
        var c = TableCulture.Invariant;
        var w = new StringWriter(c);
        w.WriteLine($"AAMI beat classes on {paths.Count} records ({string.Join(' ', paths.Select(Path.GetFileName))}), {r.Beats} detected beats");
        w.WriteLine(string.Format(c, "heavy tier ran on {0:F1} % of beats; the rest were classed N by the light tier", 100 * r.HeavyTierFraction));
        w.WriteLine("class   INT8 Se %  INT8 +P %   float Se %  float +P %");
        for (var k = 0; k < AamiClasses.Count; k++)
        {
            var (se, ppv) = Rates(r.Int8, k);
            var (fse, fppv) = Rates(r.Float, k);
            w.WriteLine(string.Format(c, "{0,-5} {1,10:F1} {2,10:F1} {3,12:F1} {4,11:F1}", (AamiClass)k, se, ppv, fse, fppv));
        }
        w.WriteLine(string.Format(c, "accuracy: INT8 {0:F2} %, float {1:F2} %", Accuracy(r.Int8), Accuracy(r.Float)));
        w.WriteLine("confusion (INT8; rows reference, columns predicted N S V F Q):");
        for (var a = 0; a < AamiClasses.Count; a++)
        {
            w.Write($"  {(AamiClass)a}:");
            for (var b = 0; b < AamiClasses.Count; b++)
            {
                w.Write(string.Format(c, " {0,7}", r.Int8[a, b]));
            }
            w.WriteLine();
        }
        return w.ToString();
    }

    private static JsonNode? Round(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 3));
}
