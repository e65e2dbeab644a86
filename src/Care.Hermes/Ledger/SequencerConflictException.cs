namespace Care.Hermes.Ledger;

/// <summary>
/// A sequencer was refused: another sequencer holds the ledger's lease, or the log or the outbox
/// changed under it (another writer appended, or a pending entry was already sequenced). Nothing was
/// written; the message says which.
/// </summary>
public sealed class SequencerConflictException : Exception
{
    /// <summary>Creates the exception with the cause in words.</summary>
    public SequencerConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message (prefer the other constructor).</summary>
    public SequencerConflictException()
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="inner"/>.</summary>
    public SequencerConflictException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
