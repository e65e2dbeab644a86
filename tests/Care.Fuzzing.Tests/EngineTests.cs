using System.Text;
using Care.Core.Errors;
using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Tests;

public sealed class EngineTests
{
    /// <summary>Refuses everything with <see cref="InvalidInputException"/> but crashes on inputs containing "BUG".</summary>
    private sealed class PlantedBug : IFuzzTarget
    {
        public string Name => "planted";

        public IReadOnlyList<byte[]> Seeds { get; } = [Encoding.ASCII.GetBytes("hello world, a harmless seed")];

        public IReadOnlyList<byte[]> Dictionary { get; } = [Encoding.ASCII.GetBytes("BUG")];

        public void Run(byte[] input)
        {
            if (input.AsSpan().IndexOf("BUG"u8) >= 0)
            {
                throw new NotSupportedException("planted");
            }
            throw new InvalidInputException("input", $"refused {input.Length % 3}");
        }

        public bool IsExpected(Exception exception) => exception is InvalidInputException;
    }

    [Fact]
    public void Given_a_planted_bug_When_fuzzed_Then_it_is_found_once_and_minimised_to_the_trigger()
    {
        var report = new FuzzRunner(new PlantedBug(), seed: 3, TimeSpan.FromSeconds(30)).Run(2000);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("NotSupportedException at PlantedBug.Run", finding.Signature);
        Assert.Equal("BUG", Encoding.ASCII.GetString(finding.Input));
    }

    [Fact]
    public void Given_the_same_seed_When_mutating_twice_Then_the_inputs_are_identical()
    {
        byte[] parent = Encoding.ASCII.GetBytes("100 2 360 650000\n100.dat 212 200 11 1024 995 -22131 0 MLII\n");
        var a = new Mutator(new Random(9), [], 4096);
        var b = new Mutator(new Random(9), [], 4096);

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(a.Mutate(parent, parent), b.Mutate(parent, parent));
        }
    }

    [Fact]
    public void Given_a_length_cap_When_mutating_Then_no_input_exceeds_it()
    {
        var mutator = new Mutator(new Random(4), [new byte[300]], 256);
        var parent = new byte[250];

        for (var i = 0; i < 500; i++)
        {
            Assert.InRange(mutator.Mutate(parent, parent).Length, 0, 256);
        }
    }
}
