namespace Care.Patch.State;

/// <summary>A learned-state blob was refused; the message names why and where (byte offset).</summary>
public sealed class LearnedStateRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The kind of refusal.</param>
    /// <param name="offset">The byte offset in the blob the problem was found at.</param>
    /// <param name="message">What was wrong.</param>
    public LearnedStateRefusedException(LearnedStateRefusal reason, long offset, string message)
        : base($"learned state refused at byte {offset}: {message}")
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>The kind of refusal.</summary>
    public LearnedStateRefusal Reason { get; }

    /// <summary>The byte offset in the blob the problem was found at.</summary>
    public long Offset { get; }
}
