namespace Care.Epidemic.World;

/// <summary>
/// The agent-based SEIR world with asymptomatic cases: a <see cref="Population"/>, a day's contacts from
/// <see cref="ContactGenerator"/>, and transmission per contact with hazard
/// β · infectiousness(day since onset) · hours · proximity, proximity = min(1, 1 m² / d²) (droplet dose
/// falls with distance; Chu et al. 2020), each infection drawing its incubation and whether it shows
/// symptoms. Agents once infected stay immune. Quarantine (decided by the caller each day) keeps an agent
/// to its household. Deterministic for a seed. Not thread-safe.
/// </summary>
public sealed class EpidemicWorld
{
    private readonly EpidemicSettings _settings;
    private readonly ContactGenerator _generator;
    private readonly Random _random;
    private readonly List<Contact> _contacts = [];

    /// <summary>Builds the population and seeds <see cref="EpidemicSettings.InitialInfections"/> infections on day 0.</summary>
    public EpidemicWorld(EpidemicSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        Population = new Population(settings.Agents, settings.Seed, settings.TransitRiderFraction);
        _generator = new ContactGenerator(Population, settings.Seed, settings.RandomContactsPerDay);
        _random = new Random(HashCode.Combine(settings.Seed, 0x5E1));
        InfectedDay = new int[settings.Agents];
        OnsetDay = new int[settings.Agents];
        Symptomatic = new bool[settings.Agents];
        Infector = new int[settings.Agents];
        Array.Fill(InfectedDay, -1);
        Array.Fill(Infector, -1);
        var seeded = 0;
        while (seeded < settings.InitialInfections)
        {
            var a = _random.Next(settings.Agents);
            if (InfectedDay[a] < 0)
            {
                // Seeds are mid-course so the first generation can transmit at once.
                Infect(a, -1, -_random.Next(0, 5));
                seeded++;
            }
        }
    }

    /// <summary>The agents.</summary>
    public Population Population { get; }

    /// <summary>The next day to simulate (0 first).</summary>
    public int Day { get; private set; }

    /// <summary>Day each agent was infected, −1 if never.</summary>
    public int[] InfectedDay { get; }

    /// <summary>Day of (real or, for asymptomatic cases, notional) symptom onset; meaningful when infected.</summary>
    public int[] OnsetDay { get; }

    /// <summary>True for infections that show symptoms.</summary>
    public bool[] Symptomatic { get; }

    /// <summary>Who infected each agent, −1 for seeds and the never infected.</summary>
    public int[] Infector { get; }

    /// <summary>Agents ever infected so far.</summary>
    public int EverInfected { get; private set; }

    /// <summary>Relative infectiousness of agent <paramref name="a"/> on <paramref name="day"/> (0 when not infectious).</summary>
    public double Infectiousness(int a, int day)
    {
        if (InfectedDay[a] < 0 || day < InfectedDay[a])
        {
            return 0;
        }
        var x = Infection.Infectiousness(day - OnsetDay[a]);
        return Symptomatic[a] ? x : x * _settings.AsymptomaticInfectiousness;
    }

    /// <summary>True when <paramref name="a"/> is infected and not yet past the infectious period on <paramref name="day"/>.</summary>
    public bool IsActiveInfection(int a, int day) =>
        InfectedDay[a] >= 0 && InfectedDay[a] <= day && day - OnsetDay[a] <= Infection.InfectiousTo;

    /// <summary>
    /// Simulates day <see cref="Day"/>: draws its contacts (quarantined agents meet only their household),
    /// transmits along them, advances the day. Returns the day's contacts (valid until the next call).
    /// </summary>
    public IReadOnlyList<Contact> Step(ReadOnlySpan<bool> quarantined)
    {
        if (quarantined.Length != _settings.Agents)
        {
            throw new ArgumentException($"quarantine flags for {quarantined.Length} agents, world has {_settings.Agents}", nameof(quarantined));
        }
        var day = Day;
        _generator.Generate(day, quarantined, _contacts);
        foreach (var c in _contacts)
        {
            var ia = Infectiousness(c.A, day);
            var ib = Infectiousness(c.B, day);
            if (ia > 0 && InfectedDay[c.B] < 0)
            {
                Transmit(c, c.A, c.B, ia, day);
            }
            else if (ib > 0 && InfectedDay[c.A] < 0)
            {
                Transmit(c, c.B, c.A, ib, day);
            }
        }
        Day++;
        return _contacts;
    }

    private void Transmit(in Contact c, int from, int to, double infectiousness, int day)
    {
        var proximity = Math.Min(1.0, 1.0 / (c.DistanceM * c.DistanceM));
        var hazard = _settings.TransmissionPerHour * infectiousness * (c.DurationMinutes / 60.0) * proximity;
        if (_random.NextDouble() < 1 - Math.Exp(-hazard))
        {
            Infect(to, from, day + 1);
        }
    }

    private void Infect(int a, int from, int day)
    {
        InfectedDay[a] = day;
        OnsetDay[a] = day + Infection.IncubationDays(_random);
        Symptomatic[a] = _random.NextDouble() >= _settings.AsymptomaticFraction;
        Infector[a] = from;
        EverInfected++;
    }
}
