namespace Care.Epidemic.World;

/// <summary>
/// The synthetic population: households (sizes 1–5, shares 30/33/15/15/7 %, close to German
/// micro-census figures), children in school classes of 25, three quarters of working-age adults in
/// workplaces of 5–50 (mean ≈ 15), a share of workers riding transit, the rest (retired, not working)
/// at home. Built once from a seed; immutable afterwards; thread-safe to read.
/// </summary>
public sealed class Population
{
    private static readonly double[] HouseholdSizeShares = [0.30, 0.33, 0.15, 0.15, 0.07];

    /// <summary>Builds <paramref name="agents"/> agents from <paramref name="seed"/>.</summary>
    public Population(int agents, int seed, double transitRiderFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 2);
        var random = new Random(seed);
        Household = new int[agents];
        Workplace = new int[agents];
        SchoolClass = new int[agents];
        RidesTransit = new bool[agents];
        Array.Fill(Workplace, -1);
        Array.Fill(SchoolClass, -1);
        var households = new List<int>();
        var children = new List<int>();
        var workers = new List<int>();
        var next = 0;
        while (next < agents)
        {
            var size = Math.Min(agents - next, 1 + Pick(random, HouseholdSizeShares));
            var h = households.Count;
            households.Add(next);
            var elderly = size <= 2 && random.NextDouble() < 0.4;
            for (var m = 0; m < size; m++, next++)
            {
                Household[next] = h;
                if (m >= 2)
                {
                    children.Add(next);
                }
                else if (!elderly && random.NextDouble() < 0.75)
                {
                    workers.Add(next);
                }
            }
        }
        households.Add(agents);
        HouseholdStart = [.. households];
        Shuffle(random, children);
        for (var i = 0; i < children.Count; i++)
        {
            SchoolClass[children[i]] = i / 25;
        }
        Shuffle(random, workers);
        var workplace = 0;
        var left = 0;
        foreach (var w in workers)
        {
            if (left == 0)
            {
                left = 5 + (int)Math.Min(45, -10 * Math.Log(1 - random.NextDouble()));
                workplace++;
            }
            Workplace[w] = workplace - 1;
            left--;
            RidesTransit[w] = random.NextDouble() < transitRiderFraction;
        }
        Classes = Group(SchoolClass, children.Count == 0 ? 0 : ((children.Count - 1) / 25) + 1);
        Workplaces = Group(Workplace, workplace);
    }

    /// <summary>Number of agents.</summary>
    public int Count => Household.Length;

    /// <summary>Household of each agent.</summary>
    public int[] Household { get; }

    /// <summary>First agent of household h is HouseholdStart[h]; members are contiguous up to HouseholdStart[h + 1].</summary>
    public int[] HouseholdStart { get; }

    /// <summary>Workplace of each agent, −1 when none.</summary>
    public int[] Workplace { get; }

    /// <summary>School class of each agent, −1 when none.</summary>
    public int[] SchoolClass { get; }

    /// <summary>True for workers who ride transit on weekdays.</summary>
    public bool[] RidesTransit { get; }

    /// <summary>Members of each school class.</summary>
    public int[][] Classes { get; }

    /// <summary>Members of each workplace.</summary>
    public int[][] Workplaces { get; }

    private static int[][] Group(int[] of, int groups)
    {
        var lists = new List<int>[groups];
        for (var g = 0; g < groups; g++)
        {
            lists[g] = [];
        }
        for (var a = 0; a < of.Length; a++)
        {
            if (of[a] >= 0)
            {
                lists[of[a]].Add(a);
            }
        }
        return [.. lists.Select(l => l.ToArray())];
    }

    private static int Pick(Random random, double[] shares)
    {
        var u = random.NextDouble();
        for (var i = 0; i < shares.Length - 1; i++)
        {
            u -= shares[i];
            if (u < 0)
            {
                return i;
            }
        }
        return shares.Length - 1;
    }

    private static void Shuffle(Random random, List<int> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
