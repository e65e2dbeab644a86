using Care.Metabolic.Safety;

namespace Care.Metabolic.Control;

/// <summary>
/// A dosing algorithm driven step by step: each control period it gets the latest CGM and meal
/// announcements and asks for insulin; the <see cref="SafetyGovernor"/> decides what is delivered
/// and the controller is told. Implementations keep state; one instance per wearer, not thread-safe.
/// </summary>
public interface IInsulinController
{
    /// <summary>The controller's command-line name (<c>care</c>, <c>pid</c>, <c>basal-bolus</c>).</summary>
    string Name { get; }

    /// <summary>The insulin wanted for the coming period.</summary>
    InsulinRequest Decide(in ControllerInput input);

    /// <summary>What was actually delivered after the governor, so the controller's insulin-on-board stays true.</summary>
    void Delivered(DoseRecord dose);
}
