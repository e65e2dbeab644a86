using Care.Core.Ids;

namespace Care.Kiosk.Exchange.Hardware;

/// <summary>
/// The kiosk's arm that takes a patch off the body and puts one on. Every call carries an
/// idempotency key: a call repeated with the same key (a kiosk restarted mid-step) does nothing
/// more than the first one did. Implementations throw on jams and time-outs; the exchange then
/// stops and resumes the step later with the same key.
/// </summary>
public interface IPatchRobot
{
    /// <summary>Takes <paramref name="patch"/> off the wearer into the kiosk's bay.</summary>
    void Detach(PatchId patch, string idempotencyKey);

    /// <summary>Puts <paramref name="patch"/> on <paramref name="wearer"/>.</summary>
    void Attach(PatchId patch, WearerId wearer, string idempotencyKey);
}
