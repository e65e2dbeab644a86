using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Care.Cli.Hosting;
using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis;
using Care.Clinical.Sepsis.Boosting;

namespace Care.Cli.Sepsis;

/// <summary>
/// <c>care train sepsis</c> and <c>care eval sepsis</c>: train the sepsis model on PhysioNet/CinC
/// Challenge 2019 data and evaluate it (cross-validated or a given model) beside NEWS2 and qSOFA.
/// </summary>
internal static partial class SepsisCommands
{
    private const string DefaultData = "sepsis2019/training_setA.tar.gz";

    private static Option<string?> DataOption() => new("--data")
    {
        Description = $"Challenge 2019 data: training_setA.tar.gz, a folder of .psv files or one .psv file (default: shared/data/{DefaultData} found above the current folder, or under ${SharedDataPaths.Variable})",
        HelpName = "PATH",
    };

    private static Option<ulong> SeedOption() => new("--seed") { Description = "Seed of folds, split and boosting", DefaultValueFactory = _ => 1 };

    private static Option<string> InputsOption() => new("--inputs")
    {
        Description = "Input columns to train on: full (all 40) or vitals (HR, O2Sat, Temp, SBP, MAP, DBP, Resp, Age, Gender: what a wearable patch and kiosk supply); a given --model applies its own",
        DefaultValueFactory = _ => "full",
    };

    private static SepsisInputSet ParseInputs(string? text) =>
        SepsisInputs.TryParse(text, out var set) ? set : throw new Care.Core.Errors.InvalidInputException("--inputs", $"'{text}' is not one of full, vitals");

    /// <summary>Hyper-parameter overrides of <see cref="SepsisTrainer.DefaultOptions"/> (for development runs).</summary>
    private sealed class Tuning
    {
        public Option<int?> Rounds { get; } = new("--rounds") { Description = "Maximum number of trees (default: the shipped model's)" };
        public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = "Shrinkage per tree (default: the shipped model's)" };
        public Option<int?> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop after this many rounds without holdout improvement; 0 = off (default: the shipped model's)" };
        public Option<string?> Target { get; } = new("--target") { Description = "Training target: label or utility (default: the shipped model's)" };
        public Option<int?> Bag { get; } = new("--bag") { Description = "Models averaged over sampling seeds (default: the shipped model's)" };

        public void AddTo(Command command)
        {
            foreach (var o in new Option[] { Rounds, LearningRate, EarlyStopping, Target, Bag })
            {
                command.Options.Add(o);
            }
        }

        public BoostingOptions Options(ParseResult parse)
        {
            var o = SepsisTrainer.DefaultOptions;
            o = parse.GetValue(Rounds) is { } r ? o with { Rounds = r } : o;
            o = parse.GetValue(LearningRate) is { } lr ? o with { LearningRate = lr } : o;
            o = parse.GetValue(EarlyStopping) is { } es ? o with { EarlyStoppingRounds = es } : o;
            o = parse.GetValue(Bag) is { } bag ? o with { BagSize = bag } : o;
            o = parse.GetValue(Target) switch
            {
                null => o,
                "label" => o with { UtilityTarget = false },
                "utility" => o with { UtilityTarget = true },
                var t => throw new Care.Core.Errors.InvalidInputException("--target", $"'{t}' is not one of label, utility"),
            };
            return o;
        }
    }

    private static Option<int?> PatientsOption() => new("--patients") { Description = "Use only the first N patients (quick runs)" };

    /// <summary><c>sepsis</c> under <c>train</c>.</summary>
    public static Command TrainSepsis()
    {
        var command = new Command("sepsis", "Train the sepsis model (gradient-boosted trees, utility-optimal threshold) and save it.");
        var data = DataOption();
        var seed = SeedOption();
        var patients = PatientsOption();
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var inputs = InputsOption();
        var tuning = new Tuning();
        command.Options.Add(data);
        command.Options.Add(inputs);
        tuning.AddTo(command);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(patients);
        CliAction.Set(command, async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            var set = ParseInputs(parse.GetValue(inputs));
            await error.WriteLineAsync(Expected($"training the sepsis model ({SepsisInputs.Name(set)} inputs)",
                parse.GetValue(patients) is null ? "1-13 minutes for all of set A" : "less than for all of set A (1-13 minutes)"));
            var records = Read(SharedDataPaths.Resolve(parse.GetValue(data), "--data", DefaultData), parse.GetValue(patients), error);
            var model = SepsisTrainer.Train(records, parse.GetValue(seed), tuning.Options(parse), new LineProgress(error, clock), set);
            var path = parse.GetValue(output)!;
            model.Save(path);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"trained on {records.Count} patients ({SepsisInputs.Name(model.Inputs)} inputs) in {clock.Elapsed.TotalSeconds:F0} s: {model.Trees.TreeCount} trees, alarm at log-odds {model.AlarmMargin:F3} (score {model.AlarmScore}, elevated from {model.ElevatedScore}); wrote {path}");
            return 0;
        });
        return command;
    }

    /// <summary><c>sepsis</c> under <c>eval</c>.</summary>
    public static Command EvalSepsis()
    {
        var command = new Command("sepsis", "Cross-validate the sepsis model (or score a given one) with the Challenge utility, AUROC, AUPRC and alarm burden, beside NEWS2 and qSOFA.");
        var data = DataOption();
        var seed = SeedOption();
        var patients = PatientsOption();
        var model = new Option<string?>("--model") { Description = "Score this trained model on all patients instead of cross-validating" };
        var folds = new Option<int>("--folds") { Description = "Patient-level folds", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON" };
        var inputs = InputsOption();
        var explain = new Option<string?>("--explain") { Description = "With --model: print the hourly risk outputs of this patient (e.g. p000009) with their explanations" };
        foreach (var o in new Option[] { data, model, folds, seed, inputs, json, patients, explain })
        {
            command.Options.Add(o);
        }
        var tuning = new Tuning();
        tuning.AddTo(command);
        CliAction.Set(command, async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            var set = ParseInputs(parse.GetValue(inputs));
            var records = Read(SharedDataPaths.Resolve(parse.GetValue(data), "--data", DefaultData), parse.GetValue(patients), error);
            var modelPath = parse.GetValue(model);
            var explainId = parse.GetValue(explain);
            if (explainId is not null)
            {
                if (modelPath is null)
                {
                    throw new Care.Core.Errors.InvalidInputException("--explain", "needs --model");
                }
                var patient = records.FirstOrDefault(r => r.Id == explainId)
                    ?? throw new Care.Core.Errors.InvalidInputException("--explain", $"patient '{explainId}' is not in the data");
                await parse.InvocationConfiguration.Output.WriteAsync(SepsisReportWriter.Explain(SepsisModel.Load(modelPath), patient));
                return 0;
            }
            int k = parse.GetValue(folds);
            if (modelPath is null && (k < 2 || k > records.Count))
            {
                throw new Care.Core.Errors.InvalidInputException("--folds", $"must be between 2 and the number of patients ({records.Count})");
            }
            if (modelPath is null && parse.GetValue(patients) is null)
            {
                await error.WriteLineAsync(Expected($"{k}-fold cross-validation ({SepsisInputs.Name(set)} inputs, {k} models trained)",
                    set == SepsisInputSet.Vitals ? "5-15 minutes" : "10-35 minutes"));
            }
            var report = modelPath is null
                ? SepsisEvaluator.CrossValidate(records, k, parse.GetValue(seed), tuning.Options(parse), new LineProgress(error, clock), set)
                : SepsisEvaluator.Evaluate(SepsisModel.Load(modelPath), records);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(SepsisReportWriter.Json(report));
            }
            else
            {
                await output.WriteAsync(SepsisReportWriter.Text(report, modelPath is null ? $"{k}-fold patient-level cross-validation ({SepsisInputs.Name(set)} inputs)" : $"model {modelPath}"));
            }
            await error.WriteLineAsync($"done in {clock.Elapsed.TotalSeconds:F0} s");
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<PatientRecord> Read(string path, int? limit, TextWriter error)
    {
        if (limit is <= 0)
        {
            throw new Care.Core.Errors.InvalidInputException("--patients", "must be positive");
        }
        error.WriteLine($"reading {path}");
        var records = ChallengeReader.ReadAll(path, limit);
        error.WriteLine($"{records.Count} patients, {records.Sum(r => r.Hours)} hours, {records.Count(r => r.IsSeptic)} septic");
        return records;
    }

    /// <summary>
    /// Writes progress lines with elapsed time to stderr; after each finished fold of a
    /// cross-validation it adds the time left, extrapolated from the folds done so far.
    /// </summary>
    private sealed partial class LineProgress(TextWriter error, Stopwatch clock) : IProgress<string>
    {
        public void Report(string value)
        {
            string left = "";
            if (FoldDone().Match(value) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var done && done > 0)
            {
                int total = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                var remaining = clock.Elapsed / done * (total - done);
                left = done >= total ? ""
                    : remaining < TimeSpan.FromMinutes(1) ? " (under a minute left)"
                    : $" (about {Math.Ceiling(remaining.TotalMinutes):F0} min left)";
            }
            error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {value}{left}");
        }

        [GeneratedRegex(@"^fold (\d+)/(\d+): utility")]
        private static partial Regex FoldDone();
    }

    /// <summary>
    /// The one-line warning long runs print first: what they will do and how long it took on the
    /// reference machine (2 cores; docs/validation.md has each measurement and its load).
    /// </summary>
    private static string Expected(string work, string duration) =>
        $"{work}: expect {duration} on a 2-core machine (longer under load); progress follows on stderr, Ctrl+C stops.";
}
