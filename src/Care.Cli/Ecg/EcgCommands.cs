using System.CommandLine;

namespace Care.Cli.Ecg;

/// <summary>The ECG commands: <c>care ecg …</c> and the ECG parts of <c>care eval …</c>.</summary>
internal static class EcgCommands
{
    /// <summary><c>care ecg</c>: look at and annotate WFDB records.</summary>
    public static Command Ecg()
    {
        var ecg = new Command("ecg", "ECG records: inspect WFDB records and detect beats.");
        ecg.Subcommands.Add(EcgInfoCommand.Build());
        ecg.Subcommands.Add(EcgDetectCommand.Build());
        return ecg;
    }

    /// <summary>The subcommands of <c>care train</c> for ECG models.</summary>
    public static IEnumerable<Command> Train()
    {
        yield return BeatClassCommands.Train();
    }

    /// <summary>The subcommands of <c>care eval</c> that score ECG intelligence.</summary>
    public static IEnumerable<Command> Eval()
    {
        yield return EvalEcgCommand.Build();
        yield return EvalAfCommand.Build();
        yield return EvalStripsCommand.Build();
        yield return BeatClassCommands.Eval();
    }
}
