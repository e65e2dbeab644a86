using System.CommandLine;

namespace Care.Cli.Rna;

/// <summary>The RNA folding and mRNA design commands and their <c>eval</c> subcommands.</summary>
internal static class RnaCommands
{
    public static IEnumerable<Command> TopLevel()
    {
        yield return FoldCommand.Create();
        var design = new Command("design", "Design molecules: mRNA coding sequences for a protein.");
        design.Subcommands.Add(DesignCommand.Create());
        yield return design;
    }

    public static IEnumerable<Command> Eval()
    {
        yield return EvalFoldCommand.Create();
        yield return EvalDesignCommand.Create();
        yield return EvalEnsembleCommand.Create();
    }
}
