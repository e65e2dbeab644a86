namespace Care.Cli.Hosting;

/// <summary>The process exit codes every <c>care</c> command uses.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command failed for a reason other than its input (a bug, a full disk, a failed check).</summary>
    public const int Failure = 1;

    /// <summary>The input was wrong: a bad option, a malformed file. A one-line cause went to stderr.</summary>
    public const int BadInput = 2;
}
