namespace Care.Kiosk.Exchange;

/// <summary>The kiosk's connection to Hermes: over HTTP in the field, in-process in the demo.</summary>
public interface IHermesUplink
{
    /// <summary>Uploads one encoded bundle and waits for Hermes's acknowledgement.</summary>
    /// <exception cref="UplinkUnavailableException">Hermes could not be reached; retrying is safe.</exception>
    Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default);
}
