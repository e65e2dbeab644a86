using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;
using Care.Epidemic.World;

namespace Care.Simulation.Epidemic;

/// <summary>
/// One run of the epidemic world with patches: symptomatic wearers get tested, diagnosed wearers isolate
/// and (with consent) publish 14 days of temporary exposure keys in 2-hourly batches; each patch that heard
/// a published wearer matches the batch against its encounters with the patch's matcher
/// (<see cref="ExposureMatcher"/> over an <see cref="EncounterIndex"/>) and scores it with
/// <see cref="ExposureRisk"/>, syncing once a day at its own hour. With <c>tracing</c>, notified wearers
/// quarantine and are tested a day later. A patch's store here holds only the identifiers it heard from
/// wearers in the batch: identifiers of anyone else cannot match (2⁻¹²⁸), so leaving them out changes
/// nothing but the run time. Not thread-safe.
/// </summary>
internal sealed class ExposureRun
{
    /// <summary>GAEN interval number of the world's day 0 (a UTC midnight).</summary>
    public const int Day0Interval = 2_650_032;

    /// <summary>Attenuation bins of the per-person histogram: bin k holds attenuations in (k − 1, k] dB.</summary>
    public const int Bins = 121;

    private const int KeyDays = 14;
    private const int Upload = 0, Test = 1, Publish = 2;

    private readonly EpidemicSettings _settings;
    private readonly RiskWeights _weights;
    private readonly bool _tracing;
    private readonly EpidemicWorld _world;
    private readonly BluetoothChannel _channel;
    private readonly Random _random;
    private readonly Contact[][] _ring = new Contact[KeyDays][];
    private readonly int[][] _ringOffsets = new int[KeyDays][];
    private readonly int[][] _ringIndex = new int[KeyDays][];
    private readonly int[] _quarantineUntil;
    private readonly double[] _diagnosedHour;
    private readonly double[] _notifiedHour;
    private readonly double[] _score;
    private readonly double[] _syncHour;
    private readonly bool[] _scheduled;
    private readonly PriorityQueue<(int Agent, int Kind), double> _events = new();

    public ExposureRun(EpidemicSettings settings, RiskWeights weights, bool tracing)
    {
        _settings = settings;
        _weights = weights;
        _tracing = tracing;
        _world = new EpidemicWorld(settings);
        _channel = new BluetoothChannel(settings.Agents, settings.Seed);
        _random = new Random(HashCode.Combine(settings.Seed, tracing, 0x7AC));
        var n = settings.Agents;
        _quarantineUntil = new int[n];
        _diagnosedHour = new double[n];
        _notifiedHour = new double[n];
        _score = new double[n];
        _syncHour = new double[n];
        _scheduled = new bool[n];
        Truth = new bool[n];
        Array.Fill(_diagnosedHour, double.NaN);
        Array.Fill(_notifiedHour, double.NaN);
        var sync = new Random(HashCode.Combine(settings.Seed, 0x5C));
        for (var a = 0; a < n; a++)
        {
            _syncHour[a] = 24 * sync.NextDouble();
        }
    }

    /// <summary>Per person with a match: weighted minutes by attenuation bin ([0, Bins) high infectiousness, [Bins, 2·Bins) standard), × transmission factor.</summary>
    public Dictionary<int, float[]> Histograms { get; } = [];

    /// <summary>True contacts (see <see cref="ExposureStudyResult"/>).</summary>
    public bool[] Truth { get; }

    /// <summary>Hours from diagnosis to each notification.</summary>
    public List<double> HoursToNotify { get; } = [];

    /// <summary>Agents infected by a wearer who published, and of those how many were notified.</summary>
    public (int Infected, int Notified) SecondaryInfections { get; private set; }

    public int Diagnosed { get; private set; }

    public int Published { get; private set; }

    public double AttackRate => (double)_world.EverInfected / _settings.Agents;

    public bool IsNotified(int a) => !double.IsNaN(_notifiedHour[a]);

    public void Run()
    {
        var quarantined = new bool[_settings.Agents];
        var publishers = new HashSet<int>();
        for (var day = 0; day < _settings.Days; day++)
        {
            for (var a = 0; a < quarantined.Length; a++)
            {
                quarantined[a] = _quarantineUntil[a] > day;
            }
            var contacts = _world.Step(quarantined);
            Remember(day, contacts);
            ScheduleSymptomaticTests();
            var batch = new List<(int Agent, double Hour)>();
            while (_events.TryPeek(out var e, out var hour) && hour < 24.0 * (day + 1))
            {
                _events.Dequeue();
                switch (e.Kind)
                {
                    case Upload:
                        Diagnose(e.Agent, hour);
                        break;
                    case Test:
                        if (double.IsNaN(_diagnosedHour[e.Agent]) && _world.IsActiveInfection(e.Agent, day))
                        {
                            _events.Enqueue((e.Agent, Upload), hour + 24); // result a day after the swab
                        }
                        break;
                    default:
                        batch.Add((e.Agent, hour));
                        publishers.Add(e.Agent);
                        break;
                }
            }
            if (batch.Count > 0)
            {
                Notify(day, batch);
            }
        }
        int infected = 0, notified = 0;
        for (var a = 0; a < _settings.Agents; a++)
        {
            var from = _world.Infector[a];
            if (from >= 0 && publishers.Contains(from) && !double.IsNaN(_diagnosedHour[from]) && _world.InfectedDay[a] * 24.0 >= _diagnosedHour[from] - (24.0 * KeyDays))
            {
                infected++;
                notified += IsNotified(a) ? 1 : 0;
            }
        }
        SecondaryInfections = (infected, notified);
    }

    private void Remember(int day, IReadOnlyList<Contact> contacts)
    {
        var slot = day % KeyDays;
        var array = contacts.ToArray();
        var offsets = new int[_settings.Agents + 1];
        foreach (var c in array)
        {
            offsets[c.A + 1]++;
            offsets[c.B + 1]++;
        }
        for (var a = 0; a < _settings.Agents; a++)
        {
            offsets[a + 1] += offsets[a];
        }
        var index = new int[2 * array.Length];
        var fill = (int[])offsets.Clone();
        for (var i = 0; i < array.Length; i++)
        {
            index[fill[array[i].A]++] = i;
            index[fill[array[i].B]++] = i;
        }
        _ring[slot] = array;
        _ringOffsets[slot] = offsets;
        _ringIndex[slot] = index;
    }

    private void ScheduleSymptomaticTests()
    {
        for (var a = 0; a < _settings.Agents; a++)
        {
            if (!_scheduled[a] && _world.InfectedDay[a] >= 0)
            {
                _scheduled[a] = true;
                if (_world.Symptomatic[a] && _random.NextDouble() < _settings.TestedFraction)
                {
                    // Tested 1–3 days after onset (swab + lab), the result at a random hour.
                    _events.Enqueue((a, Upload), 24.0 * (_world.OnsetDay[a] + 1 + (2 * _random.NextDouble())));
                }
            }
        }
    }

    private void Diagnose(int a, double hour)
    {
        if (!double.IsNaN(_diagnosedHour[a]))
        {
            return;
        }
        _diagnosedHour[a] = hour;
        Diagnosed++;
        _quarantineUntil[a] = Math.Max(_quarantineUntil[a], (int)(hour / 24) + 1 + _settings.QuarantineDays);
        if (_random.NextDouble() < _settings.UploadFraction)
        {
            // Consent at a kiosk within 6 h; Hermes publishes a signed batch every 2 h.
            var publish = 2 * Math.Ceiling((hour + (6 * _random.NextDouble())) / 2);
            _events.Enqueue((a, Publish), publish);
            Published++;
        }
    }

    private void Notify(int day, List<(int Agent, double Hour)> batch)
    {
        var perContact = new Dictionary<int, List<Encounter>>();
        var keys = new Dictionary<int, DiagnosisKey[]>();
        var closeMinutes = new Dictionary<int, double>();
        Span<Block128> rpis = stackalloc Block128[EnInterval.TekRollingPeriod];
        foreach (var (x, _) in batch)
        {
            keys[x] = Keys(x, day);
            closeMinutes.Clear();
            for (var dd = Math.Max(0, day - KeyDays + 1); dd <= day; dd++)
            {
                var slot = dd % KeyDays;
                var contacts = _ring[slot];
                var offsets = _ringOffsets[slot];
                var index = _ringIndex[slot];
                GaenCrypto.RollingProximityIdentifiers(GaenCrypto.DeriveRpik(Tek(x, dd)), Day0Interval + (dd * EnInterval.TekRollingPeriod), rpis);
                var infectious = _world.Infectiousness(x, dd) > 0;
                for (var k = offsets[x]; k < offsets[x + 1]; k++)
                {
                    var c = contacts[index[k]];
                    var other = c.A == x ? c.B : c.A;
                    if (!perContact.TryGetValue(other, out var list))
                    {
                        list = [];
                        perContact[other] = list;
                    }
                    Hear(c, x, other, dd, rpis, list);
                    if (infectious && c.DistanceM <= 2.0)
                    {
                        closeMinutes[other] = closeMinutes.GetValueOrDefault(other) + c.DurationMinutes;
                    }
                }
            }
            foreach (var (other, minutes) in closeMinutes)
            {
                // CDC close contact: within 2 m for ≥ 15 minutes (cumulated here over the key window).
                Truth[other] |= minutes >= 15;
            }
        }
        var matches = new List<ExposureMatch>();
        foreach (var (c, encounters) in perContact)
        {
            var matcher = new ExposureMatcher(new EncounterIndex(encounters));
            foreach (var (x, hour) in batch)
            {
                matches.Clear();
                if (x == c || matcher.Match(keys[x], matches) == 0)
                {
                    continue;
                }
                var histogram = Histogram(c);
                foreach (var m in matches)
                {
                    var bin = Math.Clamp((int)Math.Ceiling(m.Encounter.AttenuationDb), 0, Bins - 1);
                    var high = m.Key.DaysSinceOnsetOfSymptoms is not { } d || d is >= -2 and <= 5;
                    histogram[bin + (high ? 0 : Bins)] += (float)(m.Encounter.DurationMinutes * Math.Max(1, m.Key.TransmissionRiskLevel) / DiagnosisKey.MaxTransmissionRiskLevel);
                }
                _score[c] += ExposureRisk.Total(matches, _weights);
                if (!IsNotified(c) && _score[c] >= _weights.ThresholdWeightedMinutes)
                {
                    var sync = (24 * Math.Floor(hour / 24)) + _syncHour[c];
                    var at = sync >= hour ? sync : sync + 24;
                    _notifiedHour[c] = at;
                    HoursToNotify.Add(at - _diagnosedHour[x]);
                    if (_tracing)
                    {
                        _quarantineUntil[c] = Math.Max(_quarantineUntil[c], (int)(at / 24) + 1 + _settings.QuarantineDays);
                        _events.Enqueue((c, Test), at + 24);
                    }
                }
            }
        }
    }

    private float[] Histogram(int c)
    {
        if (!Histograms.TryGetValue(c, out var h))
        {
            h = new float[2 * Bins];
            Histograms[c] = h;
        }
        return h;
    }

    // The identifiers the other patch heard during one contact: one encounter per 10-minute interval it spans.
    private void Hear(in Contact c, int transmitter, int receiver, int day, ReadOnlySpan<Block128> rpis, List<Encounter> into)
    {
        var start = (int)c.StartMinute;
        var end = Math.Min(24 * 60, start + c.DurationMinutes);
        for (var m = start; m < end;)
        {
            var interval = m / 10;
            var next = Math.Min(end, (interval + 1) * 10);
            var minutes = next - m;
            var scans = Math.Max(1, (int)Math.Round(minutes / 5.0));
            var attenuation = _channel.Attenuation(c.DistanceM, c.Setting, receiver, transmitter, scans, _random);
            into.Add(new Encounter(rpis[interval], Day0Interval + (day * EnInterval.TekRollingPeriod) + interval, attenuation, minutes));
            m = next;
        }
    }

    private DiagnosisKey[] Keys(int x, int day)
    {
        var first = Math.Max(0, day - KeyDays + 1);
        var keys = new DiagnosisKey[day - first + 1];
        for (var dd = first; dd <= day; dd++)
        {
            int? dsos = _world.Symptomatic[x] ? Math.Clamp(dd - _world.OnsetDay[x], -DiagnosisKey.MaxDaysSinceOnset, DiagnosisKey.MaxDaysSinceOnset) : null;
            keys[dd - first] = new DiagnosisKey(Tek(x, dd), Day0Interval + (dd * EnInterval.TekRollingPeriod), EnInterval.TekRollingPeriod, DiagnosisKey.MaxTransmissionRiskLevel, ReportType.ConfirmedTest, dsos);
        }
        return keys;
    }

    // A wearer's key of one day: random in the world (a patch draws it from a CSPRNG), reproducible from the seed.
    private Block128 Tek(int agent, int day)
    {
        var r = new Random(HashCode.Combine(_settings.Seed, agent, day, 0x7E4));
        return new Block128((ulong)r.NextInt64(), (ulong)r.NextInt64());
    }
}
