using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Care.Fuzzing.Engine;
using Care.Fuzzing.Targets;

// care-fuzz --target NAME|all [--execs N] [--seed S] [--timeout-ms T] [--findings DIR] [--json]
// Exit codes: 0 no finding, 1 findings (saved under DIR/<target>/), 2 bad arguments, 3 hang (input saved).
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--json")
    {
        options["--json"] = "true";
    }
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        options[args[i]] = args[++i];
    }
    else
    {
        return Fail($"unexpected argument '{args[i]}'");
    }
}
if (!options.TryGetValue("--target", out var targetName))
{
    return Fail($"--target is required: all or one of {string.Join(", ", FuzzTargets.Names)}");
}
var targets = targetName == "all" ? FuzzTargets.Names : [targetName];
if (targets.FirstOrDefault(t => !FuzzTargets.Names.Contains(t)) is { } unknown)
{
    return Fail($"--target: '{unknown}' is not one of all, {string.Join(", ", FuzzTargets.Names)}");
}
if (!TryNumber("--execs", 100_000, out var executions) || !TryNumber("--seed", 1, out var seed) || !TryNumber("--timeout-ms", 2_000, out var timeoutMs))
{
    return 2;
}
var findingsDir = options.GetValueOrDefault("--findings", "fuzz-findings");
var json = options.ContainsKey("--json");
var reports = new List<FuzzReport>();
foreach (var name in targets)
{
    var runner = new FuzzRunner(FuzzTargets.Create(name), (int)seed, TimeSpan.FromMilliseconds(timeoutMs));
    using var stop = new CancellationTokenSource();
    var watchdog = Task.Run(() => Watch(runner, name, stop.Token));
    var report = runner.Run(executions, (done, found) => Console.Error.WriteLine($"{name}: {done:N0} executions, {found} finding(s)"));
    await stop.CancelAsync();
    await watchdog;
    reports.Add(report);
    foreach (var finding in report.Findings)
    {
        var path = Save(findingsDir, finding);
        Console.Error.WriteLine($"{name}: FINDING {finding.Signature} ({finding.Input.Length} bytes) saved to {path}");
    }
}
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(reports.Select(r => new
    {
        target = r.Target, seed = r.Seed, executions = r.Executions, seconds = Math.Round(r.Elapsed.TotalSeconds, 1),
        execsPerSecond = Math.Round(r.ExecutionsPerSecond), accepted = r.Accepted, refused = r.Refused, corpus = r.CorpusSize,
        findings = r.Findings.Select(f => f.Signature),
    })));
}
else
{
    Console.WriteLine($"{"target",-16} {"executions",14} {"seconds",9} {"execs/s",9} {"accepted",10} {"refused",12} {"corpus",7} findings");
    foreach (var r in reports)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Target,-16} {r.Executions,14:N0} {r.Elapsed.TotalSeconds,9:F1} {r.ExecutionsPerSecond,9:F0} {r.Accepted,10:N0} {r.Refused,12:N0} {r.CorpusSize,7} {r.Findings.Count}"));
    }
}
return reports.Any(r => r.Findings.Count > 0) ? 1 : 0;

bool TryNumber(string option, long fallback, out long value)
{
    value = fallback;
    if (!options.TryGetValue(option, out var text))
    {
        return true;
    }
    if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0)
    {
        return true;
    }
    Fail($"{option}: '{text}' is not a positive integer");
    return false;
}

static int Fail(string cause)
{
    Console.Error.WriteLine($"care-fuzz: {cause}");
    return 2;
}

static string Save(string dir, FuzzFinding finding)
{
    var folder = Path.Combine(dir, finding.Target);
    Directory.CreateDirectory(folder);
    var name = Convert.ToHexStringLower(SHA256.HashData(finding.Input))[..16];
    var path = Path.Combine(folder, name + ".bin");
    File.WriteAllBytes(path, finding.Input);
    File.WriteAllText(Path.Combine(folder, name + ".txt"), $"{finding.Signature}\n{finding.Detail}\n");
    return path;
}

// A hang cannot be interrupted in .NET: save the input and end the process, as libFuzzer does.
static async Task Watch(FuzzRunner runner, string name, CancellationToken stop)
{
    var limit = Stopwatch.Frequency * 10;
    while (!stop.IsCancellationRequested)
    {
        try
        {
            await Task.Delay(500, stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var (input, started) = runner.Current;
        if (started != 0 && input is not null && Stopwatch.GetTimestamp() - started > limit)
        {
            var path = Save("fuzz-findings", new FuzzFinding(name, "hang", input, "ran for more than 10 s"));
            Console.Error.WriteLine($"care-fuzz: {name}: an input ran for more than 10 s; saved to {path}");
            Environment.Exit(3);
        }
    }
}
