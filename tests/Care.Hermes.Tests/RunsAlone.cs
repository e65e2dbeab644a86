namespace Care.Hermes.Tests;

/// <summary>Test classes in this collection run with no other test at the same time (they load the machine or read process-wide counters).</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
