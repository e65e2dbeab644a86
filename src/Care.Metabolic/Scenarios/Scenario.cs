using Care.Core.Errors;

namespace Care.Metabolic.Scenarios;

/// <summary>
/// A seeded, reproducible multi-day scenario: MODEL.md section 9's random daily meals (drawn day by
/// day with the scenario's own generator) plus the stress events of its <see cref="ScenarioKind"/>.
/// Main meals (breakfast, lunch, dinner) are announced to the device at meal time; snacks are not.
/// Immutable after construction and thread-safe.
/// </summary>
public sealed class Scenario
{
    private static readonly (string Name, double P, double TimeMean, double TimeSd, double Lower, double Upper, double Grams, double GramsSd, bool Main)[] Candidates =
    [
        ("breakfast", 0.95, 7 * 60, 60, 5 * 60, 9 * 60, 45, 10, true),
        ("morning snack", 0.30, 9.5 * 60, 30, 9 * 60, 10 * 60, 10, 5, false),
        ("lunch", 0.95, 12 * 60, 60, 10 * 60, 14 * 60, 70, 10, true),
        ("afternoon snack", 0.30, 15 * 60, 30, 14 * 60, 16 * 60, 10, 5, false),
        ("dinner", 0.95, 18 * 60, 60, 16 * 60, 20 * 60, 80, 10, true),
        ("evening snack", 0.30, 21.5 * 60, 30, 20 * 60, 23 * 60, 10, 5, false),
    ];

    private readonly Day[] _days;

    /// <summary>Draws <paramref name="days"/> days (1..3650) of <paramref name="kind"/> from <paramref name="seed"/>.</summary>
    public Scenario(ScenarioKind kind, int seed, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 3650);
        Kind = kind;
        Seed = seed;
        // Meals and stress events come from separate streams, so every scenario with the same seed eats the same meals.
        var meals = new Random(seed);
        var stress = new Random(unchecked(seed * 7919 + 104729));
        _days = new Day[days];
        for (var d = 0; d < days; d++)
        {
            _days[d] = DrawDay(kind, meals, stress);
        }
    }

    /// <summary>The scenario kind.</summary>
    public ScenarioKind Kind { get; }

    /// <summary>The seed it was drawn from.</summary>
    public int Seed { get; }

    /// <summary>Number of simulated days.</summary>
    public int Days => _days.Length;

    /// <summary>The command-line names, in <see cref="ScenarioKind"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["standard", "missed-bolus", "carb-overestimate", "sensor-faults", "exercise", "dawn"];

    /// <summary>The kind called <paramref name="name"/>; <see cref="InvalidInputException"/> for an unknown name.</summary>
    public static ScenarioKind Parse(string name)
    {
        var index = Names.ToList().IndexOf(name);
        return index >= 0
            ? (ScenarioKind)index
            : throw new InvalidInputException("--scenario", $"'{name}' is not one of {string.Join(", ", Names)}");
    }

    /// <summary>The command-line name of <paramref name="kind"/>.</summary>
    public static string NameOf(ScenarioKind kind) => Names[(int)kind];

    /// <summary>The meals of day <paramref name="day"/> (0-based).</summary>
    public IReadOnlyList<DailyMeal> MealsOn(int day) => _days[day].Meals;

    /// <summary>What happens in simulation minute <paramref name="minute"/> (0 = midnight of day 0; days past the end repeat the last).</summary>
    public ScenarioMinute At(long minute)
    {
        var day = _days[Math.Min((int)(minute / 1440), _days.Length - 1)];
        var m = (int)(minute % 1440);
        double meal = 0, announced = 0;
        foreach (var e in day.Meals)
        {
            if (e.MinuteOfDay == m)
            {
                meal += e.Grams;
                announced += e.AnnouncedGrams;
            }
        }
        var dropout = false;
        var offset = 0.0;
        foreach (var (start, length, delta) in day.SensorEvents)
        {
            if (m >= start && m < start + length)
            {
                if (double.IsNaN(delta))
                {
                    dropout = true;
                }
                else
                {
                    offset += delta;
                }
            }
        }
        return new ScenarioMinute(meal, announced, Sensitivity(day, m), Production(m), dropout, offset);
    }

    /// <summary>
    /// Writes what happens in each of the 1,440 minutes of day <paramref name="day"/> (0-based; days
    /// past the end repeat the last) into <paramref name="minutes"/> (length ≥ 1,440); the same values
    /// as <see cref="At"/> minute by minute, in one pass without per-minute searches.
    /// </summary>
    public void FillDay(int day, Span<ScenarioMinute> minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes.Length, 1440, nameof(minutes));
        var d = _days[Math.Min(day, _days.Length - 1)];
        var sensorEvents = d.SensorEvents.Count > 0;
        for (var m = 0; m < 1440; m++)
        {
            minutes[m] = new ScenarioMinute(0, 0, Sensitivity(d, m), Production(m), false, 0);
        }
        foreach (var e in d.Meals)
        {
            ref var slot = ref minutes[e.MinuteOfDay];
            slot = slot with { MealGrams = slot.MealGrams + e.Grams, AnnouncedGrams = slot.AnnouncedGrams + e.AnnouncedGrams };
        }
        if (!sensorEvents)
        {
            return;
        }
        // Offsets are summed in event order per minute, as At does, so the sums are bit-identical.
        foreach (var (start, length, delta) in d.SensorEvents)
        {
            for (var m = Math.Max(0, start); m < Math.Min(1440, start + length); m++)
            {
                ref var slot = ref minutes[m];
                slot = double.IsNaN(delta) ? slot with { SensorDropout = true } : slot with { SensorOffsetMgPerDl = slot.SensorOffsetMgPerDl + delta };
            }
        }
    }

    private static double Sensitivity(Day day, int m)
    {
        if (day.ExerciseStart < 0)
        {
            return 1.0;
        }
        var since = m - day.ExerciseStart;
        // Exercise: insulin-dependent uptake doubles during the bout (Breton, J Diabetes Sci
        // Technol 2008, exercise raises glucose uptake), then the raised sensitivity decays over 3 h.
        return since < 0 ? 1.0 : since < day.ExerciseMinutes ? 2.0 : 1.0 + 0.5 * Math.Max(0, 1 - (since - day.ExerciseMinutes) / 180.0);
    }

    private double Production(int m)
    {
        if (Kind != ScenarioKind.Dawn)
        {
            return 1.0;
        }
        // Dawn phenomenon: EGP rises from 03:00 to a +25 % peak at 06:00 and returns by 09:00.
        var h = m / 60.0;
        return 1.0 + 0.25 * Math.Max(0, 1 - Math.Abs(h - 6) / 3);
    }

    private static Day DrawDay(ScenarioKind kind, Random random, Random stress)
    {
        var meals = new List<DailyMeal>();
        var mains = new List<int>();
        foreach (var c in Candidates)
        {
            // MODEL.md section 9: per candidate the draws are inclusion, time, amount.
            var included = random.NextDouble() < c.P;
            var time = TruncatedNormal(random, c.TimeMean, c.TimeSd, c.Lower, c.Upper);
            var grams = Math.Max(0, Math.Round(c.Grams + c.GramsSd * Normal(random)));
            if (!included || grams <= 0)
            {
                continue;
            }
            var minute = Math.Clamp((int)Math.Round(time), 0, 1439);
            if (c.Main)
            {
                mains.Add(meals.Count);
            }
            meals.Add(new DailyMeal(minute, grams, c.Main ? grams : 0));
        }
        if (kind == ScenarioKind.MissedBolus && mains.Count > 0)
        {
            var missed = mains[stress.Next(mains.Count)];
            meals[missed] = meals[missed] with { AnnouncedGrams = 0 };
        }
        if (kind == ScenarioKind.CarbOverestimate)
        {
            for (var i = 0; i < meals.Count; i++)
            {
                if (meals[i].AnnouncedGrams > 0)
                {
                    meals[i] = meals[i] with { AnnouncedGrams = Math.Round(meals[i].Grams * (1.2 + 0.4 * stress.NextDouble())) };
                }
            }
        }
        var exerciseStart = -1;
        var exerciseMinutes = 0;
        if (kind == ScenarioKind.Exercise)
        {
            exerciseStart = 15 * 60 + stress.Next(0, 180);
            exerciseMinutes = 45 + stress.Next(0, 31);
        }
        var sensor = new List<(int, int, double)>();
        if (kind == ScenarioKind.SensorFaults)
        {
            for (var i = 0; i < 3; i++)
            {
                sensor.Add((stress.Next(0, 1380), 20 + stress.Next(0, 71), double.NaN));
            }
            // A compression low at night: the reading falls 40–70 mg/dL for 20–40 min while the wearer lies on the sensor.
            sensor.Add((stress.Next(60, 300), 20 + stress.Next(0, 21), -(40 + 30 * stress.NextDouble())));
            for (var i = 0; i < 2; i++)
            {
                sensor.Add((stress.Next(0, 1440), 1, stress.NextDouble() < 0.5 ? -80 : 80));
            }
        }
        return new Day(meals, exerciseStart, exerciseMinutes, sensor);
    }

    private static double TruncatedNormal(Random random, double mean, double sd, double lower, double upper)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var x = mean + sd * Normal(random);
            if (x >= lower && x <= upper)
            {
                return x;
            }
        }
        return Math.Clamp(mean, lower, upper);
    }

    private static double Normal(Random random)
    {
        // Box–Muller; 1 - NextDouble() is in (0, 1] so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private sealed record Day(List<DailyMeal> Meals, int ExerciseStart, int ExerciseMinutes, List<(int Start, int Length, double Delta)> SensorEvents);
}
