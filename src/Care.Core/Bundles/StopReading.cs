namespace Care.Core.Bundles;

/// <summary>Ends reading early once enough is known to reject the bundle.</summary>
internal sealed class StopReading : Exception
{
}
