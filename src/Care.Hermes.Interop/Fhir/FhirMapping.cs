using System.Globalization;
using Care.Clinical.EarlyWarning;
using Care.Core.Doses;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Alerts;
using Care.Hermes.Storage;
using Hl7.Fhir.Model;
using CareObservation = Care.Core.Observations.Observation;
using FhirObservation = Hl7.Fhir.Model.Observation;

namespace Care.Hermes.Interop.Fhir;

/// <summary>
/// Care's records as FHIR R4 resources (Firely POCOs): one pure function per kind, no I/O. Codes and
/// units are exactly the catalogue's (<see cref="ObservationCatalog"/>): LOINC for the code, UCUM for
/// the unit. Thread safe.
/// </summary>
public static class FhirMapping
{
    /// <summary>LOINC's code system URI.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>UCUM's code system URI.</summary>
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>The R4 base vital-signs profile, claimed by every vital except CGM glucose.</summary>
    public const string VitalSignsProfile = "http://hl7.org/fhir/StructureDefinition/vitalsigns";

    /// <summary>Stated with every NEWS2 assessment, as the JSON API does: Care supports clinicians, it does not replace them.</summary>
    public const string News2Notice =
        "Decision support only: NEWS2 from continuous patch vitals (15-minute medians; consciousness assumed Alert and breathing air, which a patch cannot observe). A clinician must assess the wearer.";

    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>The pseudonymous Patient: its id and Care's wearer id, nothing personal.</summary>
    public static Patient Patient(WearerId wearer) => new()
    {
        Id = FhirIds.Patient(wearer),
        Identifier = [new Identifier(FhirIds.WearerSystem, wearer.Value)],
        Meta = new Meta { Security = [new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "PSEUDED", "pseudonymized")] },
    };

    /// <summary>A patch as a Device: its id, the SHA-256 of its registered public key (its identity) and its state.</summary>
    /// <param name="wearer">The wearer it is bound to.</param>
    /// <param name="deviceId">The patch's device id.</param>
    /// <param name="publicKeySha256">Hex SHA-256 of its registered public key, as the ledger's <c>DeviceRegistered</c> states it.</param>
    /// <param name="active">False once retired or revoked.</param>
    public static Device Device(WearerId wearer, string deviceId, string publicKeySha256, bool active) => new()
    {
        Id = FhirIds.Device(deviceId),
        Identifier = [new Identifier(FhirIds.PatchSystem, deviceId), new Identifier(FhirIds.PatchIdentitySystem, publicKeySha256)],
        Status = active ? Hl7.Fhir.Model.Device.FHIRDeviceStatus.Active : Hl7.Fhir.Model.Device.FHIRDeviceStatus.Inactive,
        Type = new CodeableConcept { Text = "Care patch (wearable: ECG, vitals, CGM, insulin pump)" },
        Patient = PatientReference(wearer),
    };

    /// <summary>True when the sign is a vital sign of the R4 vital-signs profile (CGM glucose is not).</summary>
    public static bool IsVitalSign(VitalSign sign) => sign != VitalSign.InterstitialGlucose;

    /// <summary>One reading as an Observation: final, LOINC code, UCUM quantity, the vital-signs profile and category where it applies.</summary>
    public static FhirObservation Observation(WearerId wearer, CareObservation reading)
    {
        var type = ObservationCatalog.Get(reading.Sign);
        bool vital = IsVitalSign(reading.Sign);
        return new FhirObservation
        {
            Id = ObservationId(wearer, type.Loinc, reading.Time),
            Meta = vital ? new Meta { Profile = [VitalSignsProfile] } : null,
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(CategorySystem, vital ? "vital-signs" : "laboratory")],
            Code = new CodeableConcept(Loinc, type.Loinc, type.Display, null),
            Subject = PatientReference(wearer),
            Effective = new FhirDateTime(reading.Time.ToUniversalTime()),
            Value = new Quantity((decimal)reading.Value, type.Ucum, Ucum) { Unit = type.Ucum },
        };
    }

    /// <summary>The deterministic id of a reading: the same reading always exports under the same id.</summary>
    public static string ObservationId(WearerId wearer, string loinc, DateTimeOffset time) =>
        FhirIds.Hashed("obs", wearer.Value, loinc, time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>An insulin delivery: the basal rate over its period and the bolus at its start, with Care's reason.</summary>
    public static MedicationAdministration Dose(WearerId wearer, DoseDelivery dose)
    {
        string reason = DoseReasonNames.Name(dose.Reason);
        var start = dose.Time.ToUniversalTime();
        var administration = new MedicationAdministration
        {
            Id = FhirIds.Hashed("dose", wearer.Value, dose.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
            Medication = new CodeableConcept { Text = "insulin" },
            Subject = PatientReference(wearer),
            Effective = new Period(new FhirDateTime(start), new FhirDateTime(start + dose.Duration)),
            ReasonCode = [new CodeableConcept(FhirIds.DoseReasonSystem, reason, reason, null)],
            Dosage = new MedicationAdministration.DosageComponent
            {
                Text = string.Create(CultureInfo.InvariantCulture, $"basal {dose.BasalUnitsPerHour:0.###} U/h for {dose.Duration.TotalMinutes:0.#} min; bolus {dose.BolusUnits:0.###} U"),
                Route = new CodeableConcept { Text = "subcutaneous (patch pump)" },
                Dose = new Quantity((decimal)dose.BolusUnits, "U", Ucum) { Unit = "U" },
                Rate = new Quantity((decimal)dose.BasalUnitsPerHour, "U/h", Ucum) { Unit = "U/h" },
            },
        };
        return administration;
    }

    /// <summary>A NEWS2 assessment: method NEWS2, the response level as qualitative risk, every part in the basis note.</summary>
    public static RiskAssessment News2(WearerId wearer, RiskRecord risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var p = risk.Score.Parts;
        return new RiskAssessment
        {
            Id = FhirIds.Hashed("news2", wearer.Value, risk.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            Status = ObservationStatus.Final,
            Subject = PatientReference(wearer),
            Occurrence = new FhirDateTime(risk.Time.ToUniversalTime()),
            Method = new CodeableConcept { Text = "NEWS2 (RCP 2017) from continuous patch vitals, 15-minute medians" },
            // NEWS2 gives a response level, not a probability: no prediction element (R4's ras-2 reads a prediction
            // without probability as a failure in Firely's validator), the level and parts go in code and basis text.
            Code = new CodeableConcept { Text = string.Create(CultureInfo.InvariantCulture, $"NEWS2 {risk.Score.Total}: {risk.Score.Level.ToName()} clinical risk") },
            Basis = [new ResourceReference { Display = string.Create(CultureInfo.InvariantCulture,
                $"NEWS2 aggregate {risk.Score.Total}: respiration {p.RespiratoryRate}, SpO2 {p.SpO2}, air/oxygen {p.AirOrOxygen}, systolic {p.Systolic}, pulse {p.Pulse}, consciousness {p.Consciousness}, temperature {p.Temperature}") }],
            Note = [new Annotation { Text = News2Notice }],
        };
    }

    /// <summary>An explained sepsis-model output: calibrated probability, its 95 % interval and level, the top contributions.</summary>
    public static RiskAssessment Model(WearerId wearer, ModelRiskRecord risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var explanation = string.Join("; ", risk.Contributions.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Feature}{(c.Value is double v ? $" = {v:0.###}" : " (not measured)")}: {(c.LogOdds >= 0 ? "+" : "")}{c.LogOdds:0.###} log-odds")));
        return new RiskAssessment
        {
            Id = FhirIds.Hashed("sepsis", wearer.Value, risk.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            Status = ObservationStatus.Final,
            Subject = PatientReference(wearer),
            Occurrence = new FhirDateTime(risk.Time.ToUniversalTime()),
            Method = new CodeableConcept { Text = "Care sepsis model (gradient-boosted trees, hourly vitals; trained on ICU data, not on wearers)" },
            Prediction =
            [
                new RiskAssessment.PredictionComponent
                {
                    Outcome = new CodeableConcept { Text = "sepsis onset within 6 hours or later" },
                    Probability = new FhirDecimal((decimal)Math.Round(risk.Probability, 6)),
                    QualitativeRisk = new CodeableConcept { Text = risk.Level.ToString().ToLowerInvariant() },
                    Rationale = string.Create(CultureInfo.InvariantCulture,
                        $"score {risk.Score}/100 (95 % interval {risk.ScoreLow}–{risk.ScoreHigh}){(risk.LevelRule is { } rule ? $", {rule}" : "")}. Top contributions: {explanation}"),
                },
            ],
            Note = [new Annotation { Text = "Decision support only: a clinician must assess the wearer." }],
        };
    }

    /// <summary>An alert as a Flag: active until a clinician acknowledges it, then inactive; the reason in words.</summary>
    public static Flag Alert(WearerId wearer, AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        string kind = alert.Kind.ToName();
        var start = new FhirDateTime(alert.RaisedAt.ToUniversalTime());
        return new Flag
        {
            Id = "alert-" + alert.Id.ToString(CultureInfo.InvariantCulture),
            Status = alert.AcknowledgedAt is null ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical", null)],
            Code = new CodeableConcept(FhirIds.AlertKindSystem, kind, kind, null) { Text = alert.Reason },
            Subject = PatientReference(wearer),
            Period = alert.AcknowledgedAt is { } acknowledged ? new Period(start, new FhirDateTime(acknowledged.ToUniversalTime())) : new Period { StartElement = start },
        };
    }

    /// <summary>
    /// A ledger entry about the wearer as a Provenance: the act's kind, when, the entry's index and leaf
    /// hash (what an inclusion proof from <c>/v1/wearers/{id}/ledger</c> proves), and what it concerns.
    /// </summary>
    public static Provenance Ledger(WearerId wearer, long index, string kind, DateTimeOffset at, byte[] leafHash, string? deviceId)
    {
        var targets = new List<ResourceReference> { PatientReference(wearer) };
        if (deviceId is not null)
        {
            targets.Add(new ResourceReference("Device/" + FhirIds.Device(deviceId)));
        }
        string hash = Convert.ToHexStringLower(leafHash);
        return new Provenance
        {
            Id = "ledger-" + index.ToString(CultureInfo.InvariantCulture),
            Target = targets,
            Recorded = at.ToUniversalTime(),
            Activity = new CodeableConcept(FhirIds.LedgerKindSystem, kind, kind, null),
            Agent = [new Provenance.AgentComponent { Who = new ResourceReference { Display = "Care Hermes (signed append-only ledger)" } }],
            Entity =
            [
                new Provenance.EntityComponent
                {
                    Role = Provenance.ProvenanceEntityRole.Source,
                    What = new ResourceReference
                    {
                        Identifier = new Identifier(FhirIds.LedgerSystem, index.ToString(CultureInfo.InvariantCulture)),
                        Display = $"ledger entry {index}, leaf SHA-256 {hash}",
                    },
                },
            ],
        };
    }

    /// <summary>The reference every resource uses for its wearer.</summary>
    public static ResourceReference PatientReference(WearerId wearer) => new("Patient/" + FhirIds.Patient(wearer));
}
