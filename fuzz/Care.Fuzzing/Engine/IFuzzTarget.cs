namespace Care.Fuzzing.Engine;

/// <summary>
/// One parser under fuzzing: the inputs it starts from, the tokens worth splicing in, how to run
/// one input, and which exceptions are its documented answer to bad input (anything else is a finding).
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The target's name on the command line and its corpus folder (e.g. <c>wfdb-header</c>).</summary>
    string Name { get; }

    /// <summary>Valid (or nearly valid) inputs mutation starts from; never empty.</summary>
    IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Byte strings the mutator inserts or overwrites with (field names, separators, edge numbers).</summary>
    IReadOnlyList<byte[]> Dictionary { get; }

    /// <summary>Runs the parser on <paramref name="input"/>; returns normally when the input was accepted.</summary>
    void Run(byte[] input);

    /// <summary>True when <paramref name="exception"/> is the parser's documented refusal of bad input.</summary>
    bool IsExpected(Exception exception);
}
