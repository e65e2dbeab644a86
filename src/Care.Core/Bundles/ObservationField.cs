namespace Care.Core.Bundles;

/// <summary>The fields of one observation in the wire format, as bits to track which were seen.</summary>
[Flags]
internal enum ObservationField
{
    None = 0,
    Code = 1,
    Unit = 2,
    Time = 4,
    Value = 8,
    All = Code | Unit | Time | Value,
}
