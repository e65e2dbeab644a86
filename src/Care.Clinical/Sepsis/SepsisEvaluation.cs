namespace Care.Clinical.Sepsis;

/// <summary>
/// What an evaluation of hourly sepsis predictions measured over a set of patients.
/// </summary>
/// <param name="Utility">Challenge utility (raw, inaction, optimal); see <see cref="UtilityScore.Normalised"/>.</param>
/// <param name="Auroc">Hour-level AUROC of the risk scores.</param>
/// <param name="Auprc">Hour-level AUPRC (average precision) of the risk scores.</param>
/// <param name="AlarmsPerPatientDay">Alarm episodes (an alarming hour after a silent one, or the first hour) per 24 patient-hours.</param>
/// <param name="AlarmHourFraction">Fraction of all patient-hours that alarm.</param>
/// <param name="Patients">Patients scored.</param>
/// <param name="Hours">Patient-hours scored.</param>
/// <param name="SepticPatients">Patients with any label 1.</param>
/// <param name="SepticPatientsAlarmedInTime">Septic patients with an alarm at or before the clinical onset t_s (first label hour + 6).</param>
public sealed record SepsisEvaluation(
    UtilityScore Utility,
    double Auroc,
    double Auprc,
    double AlarmsPerPatientDay,
    double AlarmHourFraction,
    int Patients,
    long Hours,
    int SepticPatients,
    int SepticPatientsAlarmedInTime);
