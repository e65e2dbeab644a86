using Care.Fuzzing.Engine;
using Care.Fuzzing.Targets;

namespace Care.Fuzzing.Tests;

/// <summary>
/// The CI run: a few thousand seeded mutations per target, none of which may throw anything but the
/// target's documented input error. The long runs (≥ 10^7 per target) are in docs/validation.md.
/// </summary>
public sealed class BoundedFuzzTests
{
    private const int Executions = 3000;

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Given_seeded_mutations_When_each_target_runs_them_Then_no_undocumented_exception_escapes(string target)
    {
        // The per-input limit is generous (the machine is shared); an infinite loop would still show.
        var report = new FuzzRunner(FuzzTargets.Create(target), seed: 20261205, TimeSpan.FromSeconds(30)).Run(Executions);

        Assert.Equal(Executions, report.Executions);
        Assert.True(report.Findings.Count == 0, string.Join("\n\n", report.Findings.Select(f => $"{f.Signature} ({f.Input.Length} bytes): {Convert.ToHexString(f.Input)}\n{f.Detail}")));
        Assert.True(report.Refused > 0, "mutations never reached a refusal: the target is not exercised");
        Assert.True(report.CorpusSize > FuzzTargets.Create(target).Seeds.Count, "no mutation produced a new outcome");
    }
}
