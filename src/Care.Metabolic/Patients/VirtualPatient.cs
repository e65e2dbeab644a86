namespace Care.Metabolic.Patients;

/// <summary>One virtual subject: the simulator's physiology and the clinic's questionnaire.</summary>
/// <param name="Physiology">Simulator-only parameters.</param>
/// <param name="Quest">What a device may know (CR, CF, age, TDI).</param>
public sealed record VirtualPatient(PatientParameters Physiology, QuestParameters Quest)
{
    /// <summary>The patient's name, e.g. <c>adult#001</c>.</summary>
    public string Name => Physiology.Name;

    /// <summary>The cohort group: <c>adolescent</c>, <c>adult</c> or <c>child</c>.</summary>
    public string Group => Name[..Name.IndexOf('#', StringComparison.Ordinal)];
}
