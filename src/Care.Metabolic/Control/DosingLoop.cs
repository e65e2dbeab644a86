using Care.Metabolic.Safety;

namespace Care.Metabolic.Control;

/// <summary>
/// One wearer's closed loop as a patch runtime drives it: each control period it is given the latest
/// CGM reading and any meal announcement, asks the controller, passes the request through the
/// <see cref="SafetyGovernor"/>, tells the controller what was delivered and returns the
/// <see cref="DoseRecord"/>. Time comes from the injected <see cref="TimeProvider"/>. Not thread-safe.
/// </summary>
public sealed class DosingLoop
{
    private readonly IInsulinController _controller;
    private readonly SafetyGovernor _governor;
    private readonly TimeProvider _time;

    /// <summary>Creates the loop.</summary>
    /// <param name="controller">The dosing algorithm.</param>
    /// <param name="governor">The safety layer every request passes through.</param>
    /// <param name="time">The clock (a simulation advances a fake one).</param>
    /// <param name="period">The control period (1 min .. 1 h).</param>
    public DosingLoop(IInsulinController controller, SafetyGovernor governor, TimeProvider time, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(governor);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(period, TimeSpan.FromHours(1));
        _controller = controller;
        _governor = governor;
        _time = time;
        Period = period;
    }

    /// <summary>The control period.</summary>
    public TimeSpan Period { get; }

    /// <summary>The controller.</summary>
    public IInsulinController Controller => _controller;

    /// <summary>The governor.</summary>
    public SafetyGovernor Governor => _governor;

    /// <summary>Decides and records the dose for the period starting now.</summary>
    /// <param name="cgmMgPerDl">Latest CGM reading (mg/dL); NaN when none.</param>
    /// <param name="cgmTime">When it was taken.</param>
    /// <param name="announcedCarbsGrams">Carbohydrate announced since the last step (g).</param>
    public DoseRecord Step(double cgmMgPerDl, DateTimeOffset cgmTime, double announcedCarbsGrams) =>
        Step(new ControllerInput(_time.GetUtcNow(), cgmMgPerDl, cgmTime, announcedCarbsGrams, Period));

    /// <summary>As the other overload, with a fully built input (its time should be the clock's now).</summary>
    public DoseRecord Step(in ControllerInput input)
    {
        var request = _controller.Decide(input);
        var dose = _governor.Govern(input, request);
        _controller.Delivered(dose);
        return dose;
    }
}
