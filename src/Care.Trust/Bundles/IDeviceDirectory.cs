namespace Care.Trust.Bundles;

/// <summary>
/// Where the bundle opener looks up devices. <see cref="DeviceRegistry"/> keeps them in memory; a
/// service implements this over its own storage.
/// </summary>
public interface IDeviceDirectory
{
    /// <summary>The registration of <paramref name="deviceId"/>, or null when unknown.</summary>
    DeviceRegistration? Find(string deviceId);
}
