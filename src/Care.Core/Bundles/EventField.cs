namespace Care.Core.Bundles;

/// <summary>The fields of one event in the wire format, as bits to track which were seen.</summary>
[Flags]
internal enum EventField
{
    None = 0,
    Kind = 1,
    Start = 2,
    End = 4,
    Value = 8,
    Detail = 16,
}
