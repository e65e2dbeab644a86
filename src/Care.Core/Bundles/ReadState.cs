using Care.Core.Doses;
using Care.Core.Errors;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Core.Bundles;

/// <summary>What <see cref="BundleReader"/> has read and found wrong so far in one bundle.</summary>
internal sealed class ReadState(BundleLimits limits, DateTimeOffset latest)
{
    private readonly List<InputError> _errors = [];
    private readonly List<Observation> _observations = [];
    private readonly List<int> _indexOfSameTime = [];
    private readonly List<DoseDelivery> _doses = [];
    private readonly List<PatchEvent> _events = [];
    private bool _truncated;

    public BundleLimits Limits => limits;

    public DateTimeOffset Latest => latest;

    public int ErrorCount => _errors.Count;

    public int? Version { get; set; }

    public Guid? BundleId { get; set; }

    public PatchId? PatchId { get; set; }

    public WearerId? WearerId { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }


    public void Add(string where, string problem)
    {
        if (_errors.Count >= limits.MaxErrors)
        {
            _truncated = true;
            throw new StopReading();
        }
        _errors.Add(new InputError(where, problem));
    }

    /// <summary>Adds a valid observation, checking time order and duplicates against the ones before.</summary>
    public void AddObservation(Observation observation, int index)
    {
        if (_observations.Count > 0)
        {
            var previous = _observations[^1];
            if (observation.Time < previous.Time)
            {
                Add($"$.observations[{index}].time",
                    $"{observation.Time:O} is earlier than the observation before it ({previous.Time:O}); observations must be in time order");
                return;
            }
            if (observation.Time != previous.Time)
            {
                _indexOfSameTime.Clear();
            }
            foreach (int i in _indexOfSameTime)
            {
                if (_observations[i].Sign == observation.Sign)
                {
                    Add($"$.observations[{index}]",
                        $"duplicates an earlier observation of {ObservationCatalog.Get(observation.Sign).Loinc} at {observation.Time:O}");
                    return;
                }
            }
        }
        _indexOfSameTime.Add(_observations.Count);
        _observations.Add(observation);
    }

    /// <summary>Adds a valid dose, checking that its time is after the dose before it.</summary>
    public void AddDose(DoseDelivery dose, int index)
    {
        if (_doses.Count > 0 && dose.Time <= _doses[^1].Time)
        {
            Add($"$.doses[{index}].time", dose.Time == _doses[^1].Time
                ? $"duplicates the time of the dose before it ({dose.Time:O}); each dose has its own time"
                : $"{dose.Time:O} is earlier than the dose before it ({_doses[^1].Time:O}); doses must be in time order");
            return;
        }
        _doses.Add(dose);
    }

    /// <summary>Adds a valid event, checking start order and duplicates (same kind and start) against the ones before.</summary>
    public void AddEvent(PatchEvent patchEvent, int index)
    {
        if (_events.Count > 0)
        {
            var previous = _events[^1];
            if (patchEvent.Start < previous.Start)
            {
                Add($"$.events[{index}].start",
                    $"{patchEvent.Start:O} is earlier than the start of the event before it ({previous.Start:O}); events must be in start order");
                return;
            }
            for (int i = _events.Count - 1; i >= 0 && _events[i].Start == patchEvent.Start; i--)
            {
                if (_events[i].Kind == patchEvent.Kind)
                {
                    Add($"$.events[{index}]", $"duplicates an earlier {PatchEventKinds.Name(patchEvent.Kind)} event starting at {patchEvent.Start:O}");
                    return;
                }
            }
        }
        _events.Add(patchEvent);
    }

    public void Require(HashSet<string> seen)
    {
        foreach (var field in (ReadOnlySpan<string>)["version", "bundleId", "patchId", "wearerId", "createdAt", "observations"])
        {
            if (!seen.Contains(field))
            {
                Add("$." + field, "required field is missing");
            }
        }
    }

    public Bundle Finish()
    {
        // An unknown version makes every other finding meaningless: report it alone.
        if (Version is int v && v != Bundle.CurrentVersion)
        {
            throw new InvalidInputException("$.version", $"unsupported bundle version {v}; this reader accepts version {Bundle.CurrentVersion}");
        }
        if (CreatedAt is DateTimeOffset created && _errors.Count == 0)
        {
            for (int i = 0; i < _observations.Count; i++)
            {
                if (_observations[i].Time > created + limits.MaxClockSkew)
                {
                    _errors.Add(new InputError($"$.observations[{i}].time", $"{_observations[i].Time:O} is after the bundle's createdAt ({created:O})"));
                    break;
                }
            }
            for (int i = 0; i < _doses.Count; i++)
            {
                if (_doses[i].Time > created + limits.MaxClockSkew)
                {
                    _errors.Add(new InputError($"$.doses[{i}].time", $"{_doses[i].Time:O} is after the bundle's createdAt ({created:O})"));
                    break;
                }
            }
            for (int i = 0; i < _events.Count; i++)
            {
                var last = _events[i].End ?? _events[i].Start;
                if (last > created + limits.MaxClockSkew)
                {
                    _errors.Add(new InputError($"$.events[{i}].{(_events[i].End is null ? "start" : "end")}", $"{last:O} is after the bundle's createdAt ({created:O})"));
                    break;
                }
            }
        }
        if (_errors.Count > 0 || _truncated)
        {
            throw new InvalidInputException(_errors);
        }
        return new Bundle(BundleId!.Value, PatchId!.Value, WearerId!.Value, CreatedAt!.Value, _observations) { Doses = _doses, Events = _events };
    }
}
