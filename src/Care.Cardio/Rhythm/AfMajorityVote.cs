namespace Care.Cardio.Rhythm;

/// <summary>
/// The label smoothing both AF detectors share: the last <c>2·smoothing + 1</c> window verdicts
/// vote, and the label is AF while more than <c>smoothing</c> of them say AF. Allocates once; not
/// thread-safe (one per detector).
/// </summary>
internal sealed class AfMajorityVote
{
    private readonly bool[] _votes;
    private readonly int _smoothing;
    private int _next;
    private int _afVotes;

    /// <param name="smoothing">Half the number of votes (the label changes once more than this many agree).</param>
    public AfMajorityVote(int smoothing)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(smoothing);
        _smoothing = smoothing;
        _votes = new bool[2 * smoothing + 1];
    }

    /// <summary>The current label: AF or not.</summary>
    public bool InAf { get; private set; }

    /// <summary>Adds one window's verdict; true when the label changed.</summary>
    public bool Add(bool looksAf)
    {
        _afVotes += (looksAf ? 1 : 0) - (_votes[_next] ? 1 : 0);
        _votes[_next] = looksAf;
        _next = (_next + 1) % _votes.Length;
        var label = _afVotes > _smoothing;
        if (label == InAf)
        {
            return false;
        }
        InAf = label;
        return true;
    }

    /// <summary>Forgets every vote; the label is not AF.</summary>
    public void Reset()
    {
        Array.Clear(_votes);
        _next = 0;
        _afVotes = 0;
        InAf = false;
    }
}
