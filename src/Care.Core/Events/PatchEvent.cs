namespace Care.Core.Events;

/// <summary>
/// Something a patch noticed that is not a per-minute measurement: a rhythm episode (with an end)
/// or a point event (without one). A small immutable value; thread safe. <see cref="IsValid"/>
/// states what a bundle may carry.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Start">When it began (UTC).</param>
/// <param name="End">When it ended (UTC, not before <paramref name="Start"/>); null for a point event.</param>
/// <param name="Value">A figure of the event (beats of a run, seconds of a pause; finite, 0–<see cref="MaxValue"/>); null when none.</param>
/// <param name="Detail">Short free text (at most <see cref="MaxDetailLength"/> characters); null when none.</param>
public readonly record struct PatchEvent(PatchEventKind Kind, DateTimeOffset Start, DateTimeOffset? End, double? Value, string? Detail)
{
    /// <summary>The longest <see cref="Detail"/> a bundle may carry, in characters.</summary>
    public const int MaxDetailLength = 200;

    /// <summary>The largest <see cref="Value"/> a bundle may carry.</summary>
    public const double MaxValue = 1_000_000;

    /// <summary>True when the kind is defined, the end is not before the start, the value is finite and in range and the detail short enough.</summary>
    public bool IsValid =>
        Kind is >= PatchEventKind.AtrialFibrillation and <= PatchEventKind.Pause
        && (End is null || End.Value >= Start)
        && (Value is null || Value.Value is >= 0 and <= MaxValue)
        && (Detail is null || Detail.Length <= MaxDetailLength);
}
