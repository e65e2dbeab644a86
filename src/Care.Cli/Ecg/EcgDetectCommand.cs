using System.CommandLine;
using Care.Cardio.Classes;
using Care.Cardio.Detection;
using Care.Cardio.Wfdb;
using Care.Cli.Hosting;
using Care.Core.Errors;

namespace Care.Cli.Ecg;

/// <summary>
/// <c>care ecg detect RECORD [--annotator NAME] [--out DIR] [--signal N]</c>: writes the detected
/// beats as a WFDB annotation file (<c>RECORD.NAME</c>) that PhysioNet's <c>bxb</c> and any WFDB
/// viewer read.
/// </summary>
internal static class EcgDetectCommand
{
    public static Command Build()
    {
        var record = new Argument<string>("record") { Description = "The record path without extension, e.g. ../shared/data/mitdb/100" };
        var annotator = new Option<string>("--annotator") { Description = "Annotator name: the output file's extension", DefaultValueFactory = _ => "care" };
        var outDir = new Option<string?>("--out") { Description = "Output folder (default: the current folder; never the record's folder unless you say so, so reference data stays untouched)" };
        var signal = new Option<int>("--signal") { Description = "Signal (lead) to analyse", DefaultValueFactory = _ => 0 };
        var csv = new Option<string?>("--csv") { Description = "Also write the beats with their features (sample, decision sample, energy, slope, search-back) to this CSV file" };
        var classes = new Option<bool>("--classes") { Description = "Label each beat with its AAMI class (N, S as A, V, F, Q) by the shipped INT8 beat model" };
        var command = new Command("detect", "Detect beats in a WFDB record and write them as a WFDB annotation file.") { record, annotator, outDir, signal, csv, classes };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var path = EcgPaths.Record(parse.GetRequiredValue(record));
            var name = parse.GetRequiredValue(annotator);
            if (name.Length == 0 || name.Any(ch => !char.IsAsciiLetterOrDigit(ch) && ch != '_'))
            {
                throw new InvalidInputException("--annotator", $"'{name}' is not a valid annotator name (letters, digits, _)");
            }
            var rec = WfdbRecord.Read(path);
            var channel = EcgPaths.CheckSignal(rec, parse.GetValue(signal));
            var beats = RecordDetection.Detect(rec, channel);
            var labels = parse.GetValue(classes)
                ? BeatDataset.Classify(rec.Physical(channel), rec.Header.SamplingFrequencyHz, [.. beats.Select(b => b.Sample)], BeatModel.Shipped())
                : null;
            var annotations = beats.Select((b, i) => new Annotation(b.Sample, labels is null ? AnnotationCodes.Normal : AamiClasses.Code(labels[i]), Channel: (byte)channel)).ToList();
            var folder = parse.GetValue(outDir) ?? Directory.GetCurrentDirectory();
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, rec.Name + "." + name);
            await File.WriteAllBytesAsync(file, AnnotationFile.Write(annotations), cancel);
            if (parse.GetValue(csv) is { } csvPath)
            {
                var lines = beats.Select(b => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{b.Sample},{b.DecidedAtSample},{b.Energy},{b.Slope},{(b.FromSearchBack ? 1 : 0)}"));
                await File.WriteAllLinesAsync(csvPath, ["sample,decided_at,energy,slope,search_back", .. lines], cancel);
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{file}: {annotations.Count} beats");
            return ExitCodes.Ok;
        });
        return command;
    }
}
