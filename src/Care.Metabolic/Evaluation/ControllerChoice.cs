using Care.Core.Errors;
using Care.Metabolic.Control;
using Care.Metabolic.Patients;

namespace Care.Metabolic.Evaluation;

/// <summary>Creates the controllers of <c>care eval t1d --controller</c> by name.</summary>
public static class ControllerChoice
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["care", "pid", "basal-bolus"];

    /// <summary>A fresh controller called <paramref name="name"/> for <paramref name="patient"/>; <see cref="InvalidInputException"/> when unknown.</summary>
    public static IInsulinController Create(string name, VirtualPatient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return name switch
        {
            "care" => new CareController(CareControllerSettings.FromQuest(patient.Quest)),
            "pid" => new PidController(patient.Quest),
            "basal-bolus" => new BasalBolusController(patient),
            _ => throw new InvalidInputException("--controller", $"'{name}' is not one of {string.Join(", ", Names)}"),
        };
    }
}
