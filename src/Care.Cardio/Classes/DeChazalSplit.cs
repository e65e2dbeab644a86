namespace Care.Cardio.Classes;

/// <summary>
/// The inter-patient split of the MIT-BIH Arrhythmia Database by de Chazal, O'Dwyer and Reilly
/// (2004): train on DS1, test on DS2; the paced records 102, 104, 107 and 217 are in neither.
/// </summary>
public static class DeChazalSplit
{
    /// <summary>Training records.</summary>
    public static IReadOnlyList<string> Ds1 { get; } =
        ["101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122", "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230"];

    /// <summary>Test records.</summary>
    public static IReadOnlyList<string> Ds2 { get; } =
        ["100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210", "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234"];

    /// <summary>Paced records, excluded from both sets.</summary>
    public static IReadOnlyList<string> Paced { get; } = ["102", "104", "107", "217"];
}
