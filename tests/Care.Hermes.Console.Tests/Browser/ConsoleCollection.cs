namespace Care.Hermes.Console.Tests.Browser;

/// <summary>The browser tests share one Hermes and one chromium.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console browser";
}
