using System.CommandLine;
using System.Globalization;
using Care.Cardio.Wfdb;
using Care.Cli.Hosting;

namespace Care.Cli.Ecg;

/// <summary><c>care ecg info RECORD</c>: what a WFDB record holds.</summary>
internal static class EcgInfoCommand
{
    public static Command Build()
    {
        var record = new Argument<string>("record") { Description = "The record path without extension, e.g. ../shared/data/mitdb/100" };
        var command = new Command("info", "Print what a WFDB record holds: signals, gains, duration, annotations.") { record };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var path = EcgPaths.Record(parse.GetRequiredValue(record));
            var rec = WfdbRecord.Read(path);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteAsync(Describe(rec, File.Exists(path + ".atr") ? WfdbRecord.ReadAnnotations(path) : null));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Describe(WfdbRecord rec, IReadOnlyList<Annotation>? annotations)
    {
        var h = rec.Header;
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine($"record {h.RecordName}: {h.SignalCount} signals at {h.SamplingFrequencyHz.ToString(c)} Hz, {rec.Length} samples per signal ({TimeSpan.FromSeconds(rec.Length / h.SamplingFrequencyHz):hh\\:mm\\:ss\\.fff})");
        w.WriteLine("  #  file        format  gain(adu/unit)  baseline  adc-zero  bits  units  description");
        for (var i = 0; i < h.SignalCount; i++)
        {
            var s = h.Signals[i];
            w.WriteLine(string.Format(c, "  {0,-2} {1,-11} {2,6}  {3,14}  {4,8}  {5,8}  {6,4}  {7,-5}  {8}",
                i, s.FileName, s.Format, s.Gain, s.Baseline, s.AdcZero, s.AdcResolution, s.Units, s.Description));
        }
        foreach (var comment in h.Comments)
        {
            w.WriteLine($"  # {comment}");
        }
        if (annotations is null)
        {
            w.WriteLine("annotations: no .atr file");
            return w.ToString();
        }
        var beats = annotations.Count(a => a.IsBeat);
        w.WriteLine($"annotations (atr): {annotations.Count}, of which {beats} beats");
        foreach (var g in annotations.GroupBy(a => a.Code).OrderBy(g => g.Key))
        {
            w.WriteLine(string.Format(c, "  {0,-4} {1,7}{2}", g.First().Mnemonic, g.Count(), AnnotationCodes.IsBeat(g.Key) ? "  beat" : string.Empty));
        }
        var rhythms = annotations.Where(a => a.Code == AnnotationCodes.Rhythm && a.Aux is not null)
            .GroupBy(a => a.Aux!, StringComparer.Ordinal)
            .Select(g => $"{g.Key} x{g.Count()}");
        w.WriteLine($"rhythm labels: {string.Join(", ", rhythms)}");
        return w.ToString();
    }
}
