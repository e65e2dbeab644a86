namespace Care.Metabolic.Cartridge;

/// <summary>
/// The insulin cartridge of a patch: a reservoir, a delivery log and alerts. Each delivery is
/// commanded by the dosing loop and measured by the pump (plunger travel / flow sensor); the
/// reservoir loses what was measured. Alerts: low reservoir (once, at the threshold), empty (the
/// command could not be met because the reservoir ran out), occlusion (over the last
/// <see cref="OcclusionWindow"/> at least <see cref="OcclusionMinimumUnits"/> were commanded and
/// less than half of it left the cartridge — a single short delivery is not an occlusion).
/// Time comes from the injected <see cref="TimeProvider"/>. Not thread-safe.
/// </summary>
public sealed class InsulinCartridge
{
    /// <summary>Look-back for occlusion detection.</summary>
    public static readonly TimeSpan OcclusionWindow = TimeSpan.FromMinutes(30);

    /// <summary>Least insulin commanded within the window before an occlusion can be declared (U).</summary>
    public const double OcclusionMinimumUnits = 0.5;

    private readonly TimeProvider _time;
    private readonly List<DeliveryLogEntry> _log = [];
    private readonly List<CartridgeAlert> _alerts = [];
    private bool _lowRaised;
    private bool _emptyRaised;
    private DateTimeOffset? _occlusionSince;

    /// <summary>Creates a cartridge filled with <paramref name="fillUnits"/> (U, 0..1000).</summary>
    /// <param name="fillUnits">Insulin in the reservoir at the start.</param>
    /// <param name="lowReservoirUnits">Threshold of the low-reservoir alert (U, ≥ 0).</param>
    /// <param name="time">The clock.</param>
    public InsulinCartridge(double fillUnits, double lowReservoirUnits, TimeProvider time)
    {
        if (!(fillUnits >= 0 && fillUnits <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(fillUnits), fillUnits, "fill must be 0..1000 U");
        }
        if (!(lowReservoirUnits >= 0) || !double.IsFinite(lowReservoirUnits))
        {
            throw new ArgumentOutOfRangeException(nameof(lowReservoirUnits), lowReservoirUnits, "threshold must be finite and >= 0");
        }
        ArgumentNullException.ThrowIfNull(time);
        ReservoirUnits = fillUnits;
        LowReservoirUnits = lowReservoirUnits;
        _time = time;
    }

    /// <summary>Insulin left (U).</summary>
    public double ReservoirUnits { get; private set; }

    /// <summary>The low-reservoir threshold (U).</summary>
    public double LowReservoirUnits { get; }

    /// <summary>Every delivery attempt, oldest first.</summary>
    public IReadOnlyList<DeliveryLogEntry> DeliveryLog => _log;

    /// <summary>Every alert raised, oldest first.</summary>
    public IReadOnlyList<CartridgeAlert> Alerts => _alerts;

    /// <summary>True while an occlusion is suspected (cleared when deliveries flow again).</summary>
    public bool Occluded => _occlusionSince is not null;

    /// <summary>
    /// Records a delivery: <paramref name="commandedUnits"/> asked for, <paramref name="measuredUnits"/>
    /// measured leaving (both U, finite, ≥ 0; the measurement is capped at the command and at what the
    /// reservoir holds). Returns the entry; alerts raised by it are appended to <see cref="Alerts"/>.
    /// </summary>
    public DeliveryLogEntry Deliver(double commandedUnits, double measuredUnits)
    {
        if (!(commandedUnits >= 0) || !double.IsFinite(commandedUnits))
        {
            throw new ArgumentOutOfRangeException(nameof(commandedUnits), commandedUnits, "must be finite and >= 0");
        }
        if (!(measuredUnits >= 0) || !double.IsFinite(measuredUnits))
        {
            throw new ArgumentOutOfRangeException(nameof(measuredUnits), measuredUnits, "must be finite and >= 0");
        }
        var now = _time.GetUtcNow();
        var delivered = Math.Min(Math.Min(measuredUnits, commandedUnits), ReservoirUnits);
        var ranOut = commandedUnits > ReservoirUnits;
        ReservoirUnits -= delivered;
        var entry = new DeliveryLogEntry(now, commandedUnits, delivered, ReservoirUnits);
        _log.Add(entry);

        if (!_lowRaised && ReservoirUnits <= LowReservoirUnits)
        {
            _lowRaised = true;
            _alerts.Add(new CartridgeAlert(now, CartridgeAlertKind.LowReservoir, $"{ReservoirUnits:F1} U left in the cartridge"));
        }
        if (!_emptyRaised && ranOut)
        {
            _emptyRaised = true;
            _alerts.Add(new CartridgeAlert(now, CartridgeAlertKind.Empty, $"cartridge empty: {commandedUnits - delivered:F2} U could not be delivered"));
        }
        CheckOcclusion(now, ranOut);
        return entry;
    }

    private void CheckOcclusion(DateTimeOffset now, bool ranOut)
    {
        if (ranOut || ReservoirUnits <= 0)
        {
            return;
        }
        double commanded = 0, delivered = 0;
        for (var i = _log.Count - 1; i >= 0 && now - _log[i].Time <= OcclusionWindow; i--)
        {
            commanded += _log[i].CommandedUnits;
            delivered += _log[i].DeliveredUnits;
        }
        var blocked = commanded >= OcclusionMinimumUnits && delivered < 0.5 * commanded;
        if (blocked && _occlusionSince is null)
        {
            _occlusionSince = now;
            _alerts.Add(new CartridgeAlert(now, CartridgeAlertKind.Occlusion,
                $"occlusion suspected: {delivered:F2} of {commanded:F2} U delivered in the last {OcclusionWindow.TotalMinutes:F0} min"));
        }
        else if (!blocked && _log[^1].CommandedUnits > 0 && _log[^1].DeliveredUnits >= 0.9 * _log[^1].CommandedUnits)
        {
            _occlusionSince = null;
        }
    }
}
