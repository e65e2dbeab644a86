using System.CommandLine;
using Care.Cli.Ecg;

namespace Care.Cli.Hosting;

/// <summary>
/// The command tree. A feature adds its top-level command, or its subcommands of the shared
/// <c>eval</c>, <c>train</c> and <c>bench</c> groups, with one line here; the commands themselves
/// live in the feature's own folder of this project. A command gets exactly one parent.
/// </summary>
internal static class CommandTree
{
    public static IEnumerable<Command> TopLevel()
    {
        yield return Demo.DemoCommand.Create();
        yield return Serve.ServeCommand.Create();
        yield return Demo.SimulateCommand.Create();
        yield return Tokens.TokenCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return Ledger.LedgerCommand.Create();
        yield return Devices.DeviceCommand.Create();
        yield return Models.ModelCommand.Create();
        yield return Lab.LabCommand.Create();
        yield return Fhir.FhirCommand.Create();
        yield return Nightscout.NightscoutCommand.Create();
        yield return EcgCommands.Ecg();
        foreach (var command in Rna.RnaCommands.TopLevel())
        {
            yield return command;
        }
        yield return Group("train", "Train Care's models on public reference data (reproducible from a seed).", Train());
        yield return Group("eval", "Measure accuracy on real public reference data (../shared/data), per record or patient and in total.", Eval());
    }

    private static IEnumerable<Command> Eval()
    {
        foreach (var command in EcgCommands.Eval())
        {
            yield return command;
        }
        yield return Metabolic.EvalT1dCommand.T1d();
        yield return Sepsis.SepsisCommands.EvalSepsis();
        foreach (var command in Rna.RnaCommands.Eval())
        {
            yield return command;
        }
        yield return Lab.EvalScreeningCommand.Build();
        yield return Epidemic.EvalSurveillanceCommand.Build();
        yield return Epidemic.EvalOutbreaksCommand.Build();
        yield return Epidemic.EvalExposureCommand.Build();
        yield return Kiosk.EvalIrisCommand.Build();
        yield return Demo.EvalSwapCommand.Build();
        yield return Lab.EvalVerificationCommand.Build();
    }

    private static IEnumerable<Command> Train()
    {
        foreach (var command in EcgCommands.Train())
        {
            yield return command;
        }
        yield return Sepsis.SepsisCommands.TrainSepsis();
    }

    private static Command Group(string name, string description, IEnumerable<Command> subcommands)
    {
        var group = new Command(name, description);
        foreach (var command in subcommands)
        {
            group.Subcommands.Add(command);
        }
        return group;
    }
}
