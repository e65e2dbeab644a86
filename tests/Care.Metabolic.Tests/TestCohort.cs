using Care.Metabolic.Patients;
using Care.Testing;

namespace Care.Metabolic.Tests;

/// <summary>The cohort read once from ../shared/data/t1d (tests skip when it is absent).</summary>
internal static class TestCohort
{
    private static readonly Lazy<VirtualCohort> Cohort = new(() => VirtualCohort.Load(Folder));

    public static string Folder => SharedData.RequireFolder("t1d");

    public static VirtualCohort Load()
    {
        _ = Folder;
        return Cohort.Value;
    }
}
