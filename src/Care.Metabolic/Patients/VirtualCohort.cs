using Care.Core.Errors;

namespace Care.Metabolic.Patients;

/// <summary>
/// The 30 virtual patients read from a <c>t1d</c> data folder (<c>vpatient_params.csv</c> and
/// <c>Quest.csv</c>, see MODEL.md). Read once; immutable and thread-safe afterwards.
/// </summary>
public sealed class VirtualCohort
{
    private VirtualCohort(string folder, IReadOnlyList<VirtualPatient> patients)
    {
        Folder = folder;
        Patients = patients;
    }

    /// <summary>The data folder the cohort was read from.</summary>
    public string Folder { get; }

    /// <summary>Every patient, in file order (adolescents, adults, children).</summary>
    public IReadOnlyList<VirtualPatient> Patients { get; }

    /// <summary>The patient called <paramref name="name"/>; throws <see cref="InvalidInputException"/> when unknown.</summary>
    public VirtualPatient this[string name] =>
        Patients.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidInputException("patient", $"'{name}' is not in {Folder}");

    /// <summary>
    /// The patients of a cohort selection: <c>all</c>, <c>adults</c>, <c>adolescents</c>, <c>children</c>
    /// or one patient's name (e.g. <c>adult#009</c>). Throws <see cref="InvalidInputException"/> for any other name.
    /// </summary>
    public IReadOnlyList<VirtualPatient> Select(string cohort) => cohort switch
    {
        "all" => Patients,
        "adults" => [.. Patients.Where(p => p.Group == "adult")],
        "adolescents" => [.. Patients.Where(p => p.Group == "adolescent")],
        "children" => [.. Patients.Where(p => p.Group == "child")],
        _ when Patients.FirstOrDefault(p => p.Name == cohort) is { } one => [one],
        _ => throw new InvalidInputException("--cohort", $"'{cohort}' is not one of all, adults, adolescents, children or a patient's name such as adult#001"),
    };

    /// <summary>
    /// Reads the cohort from <paramref name="folder"/>. Throws <see cref="InvalidInputException"/>
    /// naming the file, line and column when a file is missing, a value is not a finite number or
    /// lies outside its plausible range (<see cref="ParameterRanges"/>).
    /// </summary>
    public static VirtualCohort Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var vp = CsvTable.Read(Path.Combine(folder, "vpatient_params.csv"));
        var quest = CsvTable.Read(Path.Combine(folder, "Quest.csv"));
        var questRows = new Dictionary<string, QuestParameters>(StringComparer.Ordinal);
        for (var r = 0; r < quest.RowCount; r++)
        {
            questRows[quest.Text(r, "Name")] = new QuestParameters(
                quest.Plausible(r, "CR"), quest.Plausible(r, "CF"), quest.Plausible(r, "Age"), quest.Plausible(r, "TDI"));
        }
        var patients = new List<VirtualPatient>(vp.RowCount);
        for (var r = 0; r < vp.RowCount; r++)
        {
            var name = vp.Text(r, "Name");
            if (!questRows.TryGetValue(name, out var q))
            {
                throw new InvalidInputException(quest.Path, $"no row for patient '{name}'");
            }
            patients.Add(new VirtualPatient(ReadPhysiology(vp, r, name), q));
        }
        return new VirtualCohort(folder, patients);
    }

    private static PatientParameters ReadPhysiology(CsvTable t, int r, string name)
    {
        var x0 = new double[13];
        for (var k = 1; k <= 13; k++)
        {
            // MODEL.md section 1: the first nine columns are literally "x0_ 1" .. "x0_ 9".
            x0[k - 1] = t.Plausible(r, k < 10 ? $"x0_ {k}" : $"x0_{k}");
        }
        return new PatientParameters
        {
            Name = name,
            InitialState = x0,
            BW = t.Plausible(r, "BW"),
            Kabs = t.Plausible(r, "kabs"),
            Kmax = t.Plausible(r, "kmax"),
            Kmin = t.Plausible(r, "kmin"),
            B = t.Plausible(r, "b"),
            D = t.Plausible(r, "d"),
            F = t.Plausible(r, "f"),
            Vg = t.Plausible(r, "Vg"),
            Vi = t.Plausible(r, "Vi"),
            K1 = t.Plausible(r, "k1"),
            K2 = t.Plausible(r, "k2"),
            Kp1 = t.Plausible(r, "kp1"),
            Kp2 = t.Plausible(r, "kp2"),
            Kp3 = t.Plausible(r, "kp3"),
            Fsnc = t.Plausible(r, "Fsnc"),
            Ke1 = t.Plausible(r, "ke1"),
            Ke2 = t.Plausible(r, "ke2"),
            Vm0 = t.Plausible(r, "Vm0"),
            Vmx = t.Plausible(r, "Vmx"),
            Km0 = t.Plausible(r, "Km0"),
            P2u = t.Plausible(r, "p2u"),
            Ib = t.Plausible(r, "Ib"),
            Ki = t.Plausible(r, "ki"),
            M1 = t.Plausible(r, "m1"),
            M2 = t.Plausible(r, "m2"),
            M4 = t.Plausible(r, "m4"),
            M30 = t.Plausible(r, "m30"),
            Ka1 = t.Plausible(r, "ka1"),
            Ka2 = t.Plausible(r, "ka2"),
            Kd = t.Plausible(r, "kd"),
            Ksc = t.Plausible(r, "ksc"),
            U2ss = t.Plausible(r, "u2ss"),
        };
    }
}
