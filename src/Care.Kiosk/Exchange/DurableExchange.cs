using Care.Kiosk.Cartridges;
using Care.Kiosk.Exchange.Hardware;
using Care.Kiosk.Exchange.Journal;
using Care.Kiosk.Models;
using Care.Patch.State;
using Care.Trust.Bundles;

namespace Care.Kiosk.Exchange;

/// <summary>
/// A kiosk exchange as a durable state machine (ADR 0013): detach the old patch → read and verify
/// its sealed bundle into the forward queue → forward the queue to Hermes → fill and assay the
/// cartridge to the proven plan → load the proven model → move the wearer's learned state from the
/// old patch to the new one (verified at the kiosk and again by the new patch; ADR 0018) → attach
/// the new patch → wipe the old patch
/// only once Hermes acknowledged its bundle. Each step writes an intent to the journal before it
/// takes effect and the phase reached after; every effect carries an idempotency key (the exchange
/// id per step; the cartridge id towards the filler; the sealed bytes' bundle id towards Hermes),
/// so a kiosk killed at any point finishes from its store alone (<see cref="ResumeAsync"/>) without
/// doing anything twice. When Hermes is unreachable the wearer still leaves with the new patch; the
/// old one stays, unwiped, in the bay until <see cref="ForwardAsync"/> gets the acknowledgement.
/// Not thread safe: one kiosk runs one exchange at a time.
/// </summary>
public sealed class DurableExchange(
    IExchangeJournal journal,
    IHermesUplink uplink,
    IPatchRobot robot,
    IPatchPort port,
    CartridgeStation station,
    ModelGate models)
{
    /// <summary>Most bundles waiting for Hermes before new exchanges are refused (default 32, the bay's slots).</summary>
    public int QueueCapacity { get; init; } = 32;

    /// <summary>
    /// Runs the exchange <paramref name="request"/> describes, or resumes it when its id is already
    /// in the journal. Returns where it ended: completed, held (new patch on, old one waits for
    /// Hermes) or abandoned with what the wearer is to do.
    /// </summary>
    /// <exception cref="ForwardQueueFullException">The forward queue is full; nothing was done.</exception>
    public async Task<ExchangeOutcome> RunAsync(ExchangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OldPatch == request.NewPatch)
        {
            throw new ArgumentException($"the new patch {request.NewPatch.Value} is the old one", nameof(request));
        }
        journal.Begin(request, QueueCapacity);
        var record = journal.Find(request.ExchangeId) ?? throw new InvalidOperationException($"exchange {request.ExchangeId} was not written");
        return await DriveAsync(record, cancellationToken);
    }

    /// <summary>
    /// After a restart: finishes every exchange the journal shows unfinished, in the order they began,
    /// then forwards the queue. Returns their outcomes.
    /// </summary>
    public async Task<IReadOnlyList<ExchangeOutcome>> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<ExchangeOutcome>();
        foreach (var record in journal.Unfinished())
        {
            outcomes.Add(await DriveAsync(record, cancellationToken));
        }
        await ForwardAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// Forwards waiting bundles to Hermes in queue order, stopping at the first that Hermes cannot
    /// take now (so order is kept); then wipes every held old patch whose bundle was acknowledged.
    /// Returns the number of bundles still waiting.
    /// </summary>
    public async Task<int> ForwardAsync(CancellationToken cancellationToken = default)
    {
        foreach (var item in journal.Pending())
        {
            try
            {
                var receipt = await uplink.UploadAsync(item.Bytes, cancellationToken);
                journal.Acknowledge(item.Position, receipt.BundleId);
            }
            catch (UplinkUnavailableException)
            {
                break;
            }
            catch (Exception e) when (e is UplinkRejectedException or BundleRejectedException)
            {
                // Retrying will not help; the bundle stays in the kiosk and the old patch is never wiped.
                journal.Refuse(item.Position, e.Message);
            }
        }
        foreach (var held in journal.Held())
        {
            Wipe(held.Request);
        }
        return journal.Pending().Count;
    }

    private async Task<ExchangeOutcome> DriveAsync(ExchangeRecord record, CancellationToken cancellationToken)
    {
        var r = record.Request;
        var id = r.ExchangeId;
        var phase = record.Phase;
        while (true)
        {
            switch (phase)
            {
                case ExchangePhase.Started:
                    Step(id, "Detach", () => robot.Detach(r.OldPatch, Key(id, "detach")));
                    phase = Reached(id, ExchangePhase.Detached, "old patch taken off");
                    break;

                case ExchangePhase.Detached:
                    byte[] bytes = port.ReadSealedBundle(r.OldPatch);
                    try
                    {
                        SealedBundleCheck.Verify(bytes, r.OldPatch, r.OldPatchKey);
                    }
                    catch (BundleRefusedAtKioskException e)
                    {
                        return Abandon(id, $"{e.Message}. The old patch is kept at the kiosk for inspection and nothing was wiped; please see your care team before a new patch is fitted");
                    }
                    Step(id, "Enqueue", () => journal.Enqueue(id, r.OldPatch, bytes));
                    phase = Reached(id, ExchangePhase.Queued, $"old patch's bundle verified and queued ({bytes.Length} bytes)");
                    break;

                case ExchangePhase.Queued:
                    await ForwardAsync(cancellationToken);
                    CartridgeFillOutcome fill;
                    journal.Intend(id, "Fill");
                    try
                    {
                        fill = station.Fill(r.CartridgeId, r.Wearer, r.Plan);
                    }
                    catch (CartridgeRefusedException e)
                    {
                        return Abandon(id, $"no cartridge was filled: {e.Message}. Your data is safe at the kiosk; please contact your care team for a new plan");
                    }
                    if (!fill.Released)
                    {
                        return Abandon(id, $"cartridge {r.CartridgeId} {fill.Reason}. Your data is safe at the kiosk; please use another kiosk or contact your care team");
                    }
                    phase = Reached(id, ExchangePhase.Filled, $"cartridge {r.CartridgeId} {fill.Reason}");
                    break;

                case ExchangePhase.Filled:
                    try
                    {
                        models.Approve(r.ModelFile, r.ModelName, r.ModelRelease);
                    }
                    catch (ModelRefusedException e)
                    {
                        return Abandon(id, $"the model was not loaded: {e.Message}. The filled cartridge {r.CartridgeId} is kept for you; please use another kiosk");
                    }
                    Step(id, "LoadModel", () => port.LoadModel(r.NewPatch, r.ModelFile, Key(id, "model")));
                    phase = Reached(id, ExchangePhase.ModelLoaded, $"model {r.ModelName} loaded onto {r.NewPatch.Value}");
                    break;

                case ExchangePhase.ModelLoaded:
                    if (MoveLearnedState(r) is { } refused)
                    {
                        return Abandon(id, refused);
                    }
                    Step(id, "Attach", () => robot.Attach(r.NewPatch, r.Wearer, Key(id, "attach")));
                    phase = Reached(id, ExchangePhase.Attached, $"new patch {r.NewPatch.Value} on");
                    break;

                case ExchangePhase.Attached:
                    phase = Reached(id, ExchangePhase.Held, "your new patch is on; the old one stays at the kiosk until Hermes has its data");
                    break;

                case ExchangePhase.Held:
                    await ForwardAsync(cancellationToken);
                    var now = journal.Find(id)!;
                    return new ExchangeOutcome(id, now.Phase, now.Message);

                default:
                    return new ExchangeOutcome(id, phase, record.Message);
            }
        }
    }

    // The old patch seals its learned state for the new patch's key; the kiosk checks who made it and
    // for whom before the new patch loads it (journaled intent, idempotency key). Re-reading on resume
    // is safe: the old patch offers the same state until it is wiped, and a repeated load is a no-op.
    // Returns the message for the wearer when the state is refused, else null.
    private string? MoveLearnedState(ExchangeRequest r)
    {
        var id = r.ExchangeId;
        try
        {
            var blob = port.ReadLearnedState(r.OldPatch, port.ReadStateKey(r.NewPatch));
            LearnedStateBlob.Verify(blob, r.Wearer, r.OldPatch, r.OldPatchKey);
            Step(id, "LoadState", () => port.LoadLearnedState(r.NewPatch, blob, r.OldPatch, r.OldPatchKey, Key(id, "state")));
            return null;
        }
        catch (LearnedStateRefusedException e)
        {
            return $"your settings could not be moved to the new patch ({e.Message}). The new patch was not put on and nothing was wiped; please see your care team";
        }
    }

    // Wipes a held old patch once its bundle has Hermes's receipt; never before.
    private void Wipe(ExchangeRequest r)
    {
        var queued = journal.QueuedFor(r.ExchangeId);
        if (queued?.AcknowledgedBundleId is not { } bundleId)
        {
            return;
        }
        Step(r.ExchangeId, "Wipe", () => port.Wipe(r.OldPatch, bundleId, Key(r.ExchangeId, "wipe")));
        Reached(r.ExchangeId, ExchangePhase.Completed, $"Hermes acknowledged bundle {bundleId}; the old patch was wiped");
    }

    private void Step(Guid id, string step, Action effect)
    {
        journal.Intend(id, step);
        effect();
    }

    private ExchangePhase Reached(Guid id, ExchangePhase phase, string message)
    {
        journal.Advance(id, phase, message);
        return phase;
    }

    private ExchangeOutcome Abandon(Guid id, string message)
    {
        journal.Advance(id, ExchangePhase.Abandoned, message);
        return new ExchangeOutcome(id, ExchangePhase.Abandoned, message);
    }

    private static string Key(Guid exchange, string step) => $"{exchange:N}:{step}";
}
