namespace Care.Epidemic.World;

/// <summary>
/// Draws one day's contacts. Households meet every day (evening, 1–4 h, 0.5–3 m); on weekdays each
/// worker meets 3 colleagues (15–90 min, 1–4 m), each child 4 classmates (30–120 min, 0.5–3 m),
/// transit riders 2 fellow passengers (10–40 min, 0.5–2.5 m); everyone has Poisson-many community
/// contacts (2–30 min, 0.5–5 m). Agents in quarantine meet only their household. The draw for a day
/// depends only on (seed, day, quarantine), so a run is reproducible. Not thread-safe.
/// </summary>
public sealed class ContactGenerator(Population population, int seed, double randomContactsPerDay)
{
    private readonly Population _population = population ?? throw new ArgumentNullException(nameof(population));
    private readonly List<int> _riders = [];

    /// <summary>Appends day <paramref name="day"/>'s contacts to <paramref name="contacts"/> (cleared first).</summary>
    public void Generate(int day, ReadOnlySpan<bool> quarantined, List<Contact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        contacts.Clear();
        var random = new Random(HashCode.Combine(seed, day, 0x5EED));
        var p = _population;
        var weekday = day % 7 < 5;
        for (var h = 0; h + 1 < p.HouseholdStart.Length; h++)
        {
            int first = p.HouseholdStart[h], end = p.HouseholdStart[h + 1];
            for (var a = first; a < end; a++)
            {
                for (var b = a + 1; b < end; b++)
                {
                    var minutes = (weekday ? 60 : 120) + random.Next(weekday ? 180 : 300);
                    contacts.Add(new Contact(a, b, (short)(1080 + random.Next(120) - (weekday ? 0 : 480)), (short)minutes, (float)(0.5 + (2.5 * random.NextDouble())), ContactSetting.Household));
                }
            }
        }
        if (weekday)
        {
            Groups(p.Workplaces, 3, 15, 75, 1.0, 3.0, 540, ContactSetting.Workplace, random, quarantined, contacts);
            Groups(p.Classes, 4, 30, 90, 0.5, 2.5, 480, ContactSetting.School, random, quarantined, contacts);
            _riders.Clear();
            for (var a = 0; a < p.Count; a++)
            {
                if (p.RidesTransit[a] && !quarantined[a])
                {
                    _riders.Add(a);
                }
            }
            for (var i = _riders.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (_riders[i], _riders[j]) = (_riders[j], _riders[i]);
            }
            for (var car = 0; car < _riders.Count; car += 40)
            {
                var size = Math.Min(40, _riders.Count - car);
                var start = (short)(420 + random.Next(90));
                for (var i = 0; i < size && size > 1; i++)
                {
                    for (var k = 0; k < 1; k++)
                    {
                        var j = random.Next(size - 1);
                        j += j >= i ? 1 : 0;
                        contacts.Add(new Contact(_riders[car + i], _riders[car + j], start, (short)(10 + random.Next(30)), (float)(0.5 + (2.0 * random.NextDouble())), ContactSetting.Transit));
                    }
                }
            }
        }
        for (var a = 0; a < p.Count; a++)
        {
            if (quarantined[a])
            {
                continue;
            }
            var n = Poisson(random, randomContactsPerDay / 2); // each contact has two ends
            for (var k = 0; k < n; k++)
            {
                var b = random.Next(p.Count);
                if (b == a || quarantined[b])
                {
                    continue;
                }
                contacts.Add(new Contact(a, b, (short)(480 + random.Next(720)), (short)(2 + random.Next(29)), (float)(0.5 + (4.5 * random.NextDouble())), ContactSetting.Random));
            }
        }
    }

    private static void Groups(int[][] groups, int perMember, int minMinutes, int extraMinutes, double minM, double spanM, int startMinute, ContactSetting setting, Random random, ReadOnlySpan<bool> quarantined, List<Contact> contacts)
    {
        foreach (var g in groups)
        {
            if (g.Length < 2)
            {
                continue;
            }
            for (var i = 0; i < g.Length; i++)
            {
                if (quarantined[g[i]])
                {
                    continue;
                }
                for (var k = 0; k < perMember / 2 + (perMember % 2 == 1 && random.Next(2) == 0 ? 1 : 0); k++)
                {
                    var j = random.Next(g.Length - 1);
                    j += j >= i ? 1 : 0;
                    if (quarantined[g[j]])
                    {
                        continue;
                    }
                    contacts.Add(new Contact(g[i], g[j], (short)(startMinute + random.Next(240)), (short)(minMinutes + random.Next(extraMinutes)), (float)(minM + (spanM * random.NextDouble())), setting));
                }
            }
        }
    }

    private static int Poisson(Random random, double mean)
    {
        var l = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > l)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }
}
