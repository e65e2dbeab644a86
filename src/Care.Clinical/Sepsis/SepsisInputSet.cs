namespace Care.Clinical.Sepsis;

/// <summary>
/// Which of the 40 Challenge input columns a sepsis model reads. Columns outside the set are
/// treated as never measured (NaN) both in training and in scoring, so a caller may always pass a
/// full 40-column row. See <see cref="SepsisInputs"/> for the columns of each set.
/// </summary>
public enum SepsisInputSet
{
    /// <summary>All 40 columns: vital signs, laboratory values, demographics and ICU time.</summary>
    Full = 0,

    /// <summary>
    /// What a wearable patch and a kiosk supply: HR, O2Sat, Temp, SBP, MAP, DBP, Resp, Age and Gender;
    /// no laboratory values, EtCO2, FiO2, care unit, hospital admission time or ICU length of stay,
    /// and none of the ICU-workflow features (time in record, measurement frequency, hours since a
    /// measurement; see <see cref="SepsisInputs.ExcludedFeatures"/>).
    /// </summary>
    Vitals = 1,
}
