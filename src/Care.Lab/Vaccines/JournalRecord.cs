using System.Text.Json.Serialization;

namespace Care.Lab.Vaccines;

/// <summary>One line of the <see cref="LabJournal"/>.</summary>
/// <param name="DoseId">The dose the job serves.</param>
/// <param name="Stage">The line's stage.</param>
/// <param name="Attempt">1 for the first run of the stage, 2 after an interrupted or failed one, …</param>
/// <param name="Event">What happened.</param>
/// <param name="At">When.</param>
/// <param name="SubjectSha256">For <c>done</c>: SHA-256 of what the job acted on or produced.</param>
/// <param name="Outcome">For <c>done</c>: <c>passed</c> or <c>refused</c>.</param>
/// <param name="Detail">What happened, in words.</param>
/// <param name="Product">For a finished synthesis: the molecules made, as <c>sequence:weight</c> separated by ';' (what verification sequences after a restart).</param>
public sealed record JournalRecord(string DoseId, LabStage Stage, int Attempt, JournalEvent Event, DateTimeOffset At, string? SubjectSha256 = null, string? Outcome = null, string? Detail = null, string? Product = null);

/// <summary>The stages of the vaccine line, in order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabStage>))]
public enum LabStage
{
    /// <summary>Screening the synthesis order for sequences of concern.</summary>
    Screening = 1,

    /// <summary>The synthesis job.</summary>
    Synthesis = 2,

    /// <summary>Sequencing the product and mapping the reads to the design.</summary>
    Verification = 3,

    /// <summary>Filling the cartridge, with the independent assay.</summary>
    Fill = 4,
}

/// <summary>What a journal line records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JournalEvent>))]
public enum JournalEvent
{
    /// <summary>The job began (written before the instrument acts).</summary>
    Started = 1,

    /// <summary>The job finished with a result.</summary>
    Done = 2,

    /// <summary>The instrument reported a failed run; the stage runs again as a new attempt.</summary>
    Failed = 3,

    /// <summary>Found started and unfinished at a restart (a power cut): closed, never resumed.</summary>
    Interrupted = 4,

    /// <summary>Hermes accepted the step.</summary>
    Reported = 5,
}

/// <summary>Source-generated JSON for the journal.</summary>
[JsonSerializable(typeof(JournalRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class JournalJson : JsonSerializerContext;
