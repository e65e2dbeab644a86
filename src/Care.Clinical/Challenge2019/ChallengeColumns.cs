namespace Care.Clinical.Challenge2019;

/// <summary>
/// The 41 columns of a PhysioNet/CinC Challenge 2019 patient file, in file order: 8 vital signs,
/// 26 laboratory values, 6 demographic/administrative fields and <c>SepsisLabel</c>.
/// Units are those documented by PhysioNet (see <c>shared/data/sepsis2019/SOURCE.md</c>).
/// </summary>
public static class ChallengeColumns
{
    /// <summary>Heart rate, beats/min.</summary>
    public const int HR = 0;
    /// <summary>Pulse oximetry, %.</summary>
    public const int O2Sat = 1;
    /// <summary>Temperature, °C.</summary>
    public const int Temp = 2;
    /// <summary>Systolic blood pressure, mm Hg.</summary>
    public const int SBP = 3;
    /// <summary>Mean arterial pressure, mm Hg.</summary>
    public const int MAP = 4;
    /// <summary>Diastolic blood pressure, mm Hg.</summary>
    public const int DBP = 5;
    /// <summary>Respiratory rate, breaths/min.</summary>
    public const int Resp = 6;
    /// <summary>End-tidal CO2, mm Hg.</summary>
    public const int EtCO2 = 7;
    /// <summary>Fraction of inspired oxygen; stored as a fraction (0.21–1) with rare absurd outliers.</summary>
    public const int FiO2 = 10;
    /// <summary>Blood urea nitrogen, mg/dL.</summary>
    public const int BUN = 15;
    /// <summary>Creatinine, mg/dL.</summary>
    public const int Creatinine = 19;
    /// <summary>Lactate, mg/dL.</summary>
    public const int Lactate = 22;
    /// <summary>Total bilirubin, mg/dL.</summary>
    public const int BilirubinTotal = 26;
    /// <summary>White cell count, 10^3/µL.</summary>
    public const int WBC = 31;
    /// <summary>Platelets, 10^3/µL.</summary>
    public const int Platelets = 33;
    /// <summary>Age in years (100 stands for 90 and over).</summary>
    public const int Age = 34;
    /// <summary>0 female, 1 male.</summary>
    public const int Gender = 35;
    /// <summary>1 = medical ICU.</summary>
    public const int Unit1 = 36;
    /// <summary>1 = surgical ICU.</summary>
    public const int Unit2 = 37;
    /// <summary>Hours between hospital admission and ICU admission (usually negative).</summary>
    public const int HospAdmTime = 38;
    /// <summary>Hours since ICU admission.</summary>
    public const int ICULOS = 39;

    /// <summary>Number of vital-sign columns (0..7).</summary>
    public const int VitalCount = 8;

    /// <summary>Number of measured columns, vital signs and laboratory values (0..33).</summary>
    public const int MeasuredCount = 34;

    /// <summary>Number of input columns (everything but <c>SepsisLabel</c>).</summary>
    public const int InputCount = 40;

    /// <summary>The header of every file, in order; the last is <c>SepsisLabel</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "HR", "O2Sat", "Temp", "SBP", "MAP", "DBP", "Resp", "EtCO2",
        "BaseExcess", "HCO3", "FiO2", "pH", "PaCO2", "SaO2", "AST", "BUN", "Alkalinephos", "Calcium",
        "Chloride", "Creatinine", "Bilirubin_direct", "Glucose", "Lactate", "Magnesium", "Phosphate",
        "Potassium", "Bilirubin_total", "TroponinI", "Hct", "Hgb", "PTT", "WBC", "Fibrinogen", "Platelets",
        "Age", "Gender", "Unit1", "Unit2", "HospAdmTime", "ICULOS", "SepsisLabel",
    ];
}
