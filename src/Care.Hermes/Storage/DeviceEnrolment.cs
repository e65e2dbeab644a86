using Care.Core.Ids;

namespace Care.Hermes.Storage;

/// <summary>A patch identity registered for one wearer (see <see cref="IHermesStore.RegisterDeviceAsync"/>).</summary>
/// <param name="DeviceId">The patch's id, as its bundles name it (<c>patchId</c>).</param>
/// <param name="Algorithm">The identity's signature algorithm (only hybrid identities are accepted).</param>
/// <param name="PublicKey">The exported public key.</param>
/// <param name="Wearer">The only wearer whose record the patch may write.</param>
/// <param name="KioskId">The kiosk (or operator tool) that issued the patch.</param>
/// <param name="RegisteredBy">Public id of the token (or the operator) registering it.</param>
/// <param name="At">When.</param>
public sealed record DeviceEnrolment(string DeviceId, string Algorithm, byte[] PublicKey, WearerId Wearer, string KioskId, string RegisteredBy, DateTimeOffset At);
