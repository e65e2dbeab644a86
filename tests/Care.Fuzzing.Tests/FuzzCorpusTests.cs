using Care.Fuzzing.Engine;
using Care.Fuzzing.Targets;

namespace Care.Fuzzing.Tests;

/// <summary>
/// Every input the fuzzer ever found (minimised, under <c>FuzzCorpus/&lt;target&gt;/</c>) must now be
/// accepted or refused with the target's documented input error.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");
        foreach (var target in FuzzTargets.Names)
        {
            var folder = Path.Combine(root, target);
            if (!Directory.Exists(folder))
            {
                continue;
            }
            foreach (var file in Directory.GetFiles(folder, "*.bin").Order(StringComparer.Ordinal))
            {
                data.Add(target, Path.GetFileName(file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Given_a_saved_finding_When_run_again_Then_it_is_accepted_or_refused_as_documented(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "FuzzCorpus", target, file));

        var (finding, kind) = Outcome.Run(FuzzTargets.Create(target), input);

        Assert.True(finding is null, $"{target}/{file}: {finding}\n{kind}");
    }

    [Fact]
    public void Given_the_corpus_folder_When_listed_Then_it_holds_the_findings_of_the_sealed_bundle_and_bundle_reader_targets()
    {
        var targets = Inputs().Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("bundle-reader", targets);
        Assert.Contains("sealed-bundle", targets);
    }
}
