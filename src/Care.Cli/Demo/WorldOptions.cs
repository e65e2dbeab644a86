using System.CommandLine;
using System.Security.Cryptography;
using Care.Core.Errors;
using Care.Metabolic.Patients;
using Care.Simulation.Demo;
using Care.Simulation.Ecg;

namespace Care.Cli.Demo;

/// <summary>The simulated world's options, shared by <c>care demo</c> and <c>care simulate</c>: who lives how long, and which patches they wear.</summary>
internal sealed class WorldOptions
{
    public Option<int> Wearers { get; } = new("--wearers") { Description = "Number of simulated wearers (1-10000)", DefaultValueFactory = _ => 50 };

    public Option<int> Days { get; } = new("--days") { Description = "Simulated days (1-365)", DefaultValueFactory = _ => 7 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed for the simulated physiology", DefaultValueFactory = _ => 1 };

    public Option<double> DiabeticShare { get; } = new("--diabetic-share")
    {
        Description = "Share of wearers who are diabetic (0-1), when the T1D cohort (shared/data/t1d) is found",
        DefaultValueFactory = _ => 0.2,
    };

    public Option<double> EcgShare { get; } = new("--ecg-share")
    {
        Description = "Share of wearers whose patch records ECG (0-1): synthetic ECG at 250 Hz in a daily window, the ECG pipeline on the patch, rhythm events to Hermes",
        DefaultValueFactory = _ => 0.1,
    };

    public Option<double> EcgHours { get; } = new("--ecg-hours")
    {
        Description = "Hours of ECG per day for ECG wearers, from 02:00 UTC (above 0, at most 6)",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>The options, in help order.</summary>
    public IEnumerable<Option> All => [Wearers, Days, Seed, DiabeticShare, EcgShare, EcgHours];

    /// <summary>Reads and checks the values; throws <see cref="InvalidInputException"/> naming the option.</summary>
    public World Read(ParseResult parse)
    {
        int n = parse.GetValue(Wearers), d = parse.GetValue(Days);
        if (n is < 1 or > 10_000)
        {
            throw new InvalidInputException("--wearers", $"{n} is out of range; use 1 to 10000");
        }
        if (d is < 1 or > 365)
        {
            throw new InvalidInputException("--days", $"{d} is out of range; use 1 to 365");
        }
        double diabetic = parse.GetValue(DiabeticShare);
        if (!(diabetic is >= 0 and <= 1))
        {
            throw new InvalidInputException("--diabetic-share", $"{diabetic} is out of range; use 0 to 1");
        }
        double ecg = parse.GetValue(EcgShare), hours = parse.GetValue(EcgHours);
        if (!(ecg is >= 0 and <= 1))
        {
            throw new InvalidInputException("--ecg-share", $"{ecg} is out of range; use 0 to 1");
        }
        if (!(hours > 0 && hours <= EcgWearer.MaxHoursPerDay))
        {
            throw new InvalidInputException("--ecg-hours", $"{hours} is out of range; use above 0 and at most {EcgWearer.MaxHoursPerDay}");
        }
        return new World(n, d, parse.GetValue(Seed), diabetic, ecg, hours);
    }

    /// <summary>Checked world settings.</summary>
    public sealed record World(int Wearers, int Days, int Seed, double DiabeticShare, double EcgShare, double EcgHoursPerDay)
    {
        /// <summary>The T1D cohort for the diabetic wearers, or null (said on <paramref name="notes"/>) when none is wanted or found.</summary>
        public async Task<VirtualCohort?> CohortAsync(TextWriter notes)
        {
            ArgumentNullException.ThrowIfNull(notes);
            var t1d = DiabeticShare > 0 ? T1dDataFolder.Locate() : null;
            if (DiabeticShare > 0 && t1d is null)
            {
                await notes.WriteLineAsync("No diabetic wearers: the T1D cohort (shared/data/t1d beside the repository, or $CARE_SHARED_DATA/t1d) was not found.");
            }
            return t1d is null ? null : VirtualCohort.Load(t1d);
        }

        /// <summary>The simulation's settings: the days end today (UTC), the run gets fresh wearer ids.</summary>
        public DemoSettings Settings(VirtualCohort? cohort)
        {
            var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
            return new DemoSettings(Wearers, Days, Seed, today.AddDays(-Days), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)))
            {
                Cohort = cohort,
                DiabeticShare = DiabeticShare,
                EcgShare = EcgShare,
                EcgHoursPerDay = EcgHoursPerDay,
            };
        }
    }
}
