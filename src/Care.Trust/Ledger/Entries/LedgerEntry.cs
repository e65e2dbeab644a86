using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// One consequential act written to the ledger. Each kind is a sealed record; its canonical form
/// (see <see cref="CanonicalFields"/>) holds the kind, the schema version, the act's time, the
/// entry's position in the log (so reordering is detectable) and the kind's own fields.
/// Immutable and thread safe.
/// </summary>
public abstract record LedgerEntry
{
    /// <summary>Version of the canonical form written by this code.</summary>
    public const int FormatVersion = 1;

    /// <summary>When the act happened (written to the millisecond, UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The kind name written to the log, e.g. <c>DosePlanIssued</c>.</summary>
    public string Kind => GetType().Name;

    /// <summary>The wearer the act concerns, if any; stored beside the entry so a wearer's view can find it.</summary>
    public virtual WearerId? Wearer => null;

    /// <summary>The canonical field that commits an entry to the log before it (see <see cref="ToCanonicalJson"/>).</summary>
    public const string PreviousRootField = "prevRoot";

    /// <summary>
    /// The canonical bytes of this entry at position <paramref name="index"/> (0-based). With
    /// <paramref name="previousRoot"/> (the RFC 9162 root of entries 0 to index − 1, 32 bytes) the
    /// entry also commits to the whole log before it (field <c>prevRoot</c>), so that a verifier can
    /// name the first rewritten entry even when its leaf hash was recomputed; entries written without
    /// it keep their bytes. Throws <see cref="ArgumentException"/> naming the field when a field is
    /// empty, not finite or malformed, or the root is not 32 bytes.
    /// </summary>
    public byte[] ToCanonicalJson(long index, ReadOnlySpan<byte> previousRoot = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Canonical(index, previousRoot);
    }

    /// <summary>
    /// The entry's <em>promised form</em>: its canonical bytes without the two fields only the
    /// sequencer can know (<c>index</c> and <c>prevRoot</c>). This is what a pending entry is stored
    /// as in the outbox and what a <see cref="SignedPromise"/> commits to;
    /// <see cref="PromisedForm.Place"/> turns it into exactly <see cref="ToCanonicalJson"/>'s bytes.
    /// Throws <see cref="ArgumentException"/> naming the field, like <see cref="ToCanonicalJson"/>.
    /// </summary>
    public byte[] ToPromisedJson() => Canonical(null, default);

    private byte[] Canonical(long? index, ReadOnlySpan<byte> previousRoot)
    {
        var fields = new CanonicalFields();
        fields.Text("kind", Kind);
        fields.Integer("v", FormatVersion);
        if (index is { } i)
        {
            fields.Integer("index", i);
        }
        fields.Time("at", At);
        if (!previousRoot.IsEmpty)
        {
            fields.Sha256(PreviousRootField, Convert.ToHexStringLower(previousRoot));
        }
        if (Wearer is { } wearer)
        {
            fields.Text("wearer", wearer.Value);
        }
        Describe(fields);
        return fields.ToCanonicalJson();
    }

    /// <summary>Adds the kind's own fields.</summary>
    protected abstract void Describe(CanonicalFields fields);
}
