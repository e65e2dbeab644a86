namespace Care.Kiosk.Exposure;

/// <summary>What the kiosk tells a wearer after their patch matched the newest published keys.</summary>
/// <param name="Exposed">True when the patch found a risky exposure.</param>
/// <param name="WeightedMinutes">The patch's risk score, weighted minutes.</param>
/// <param name="Message">What to do, in plain words, for the kiosk's screen.</param>
public sealed record ExposureAdvice(bool Exposed, double WeightedMinutes, string Message)
{
    /// <summary>The advice for a risky exposure.</summary>
    public const string ExposedMessage =
        "Your patch was close, for long enough, to someone who has since been diagnosed. Stay at home and avoid contact with others " +
        "for the next 10 days, book a test today, and call your clinician at once if you get a fever, a cough or shortness of breath. " +
        "Your patch keeps watching your temperature and heart rate.";

    /// <summary>The advice when nothing risky was found.</summary>
    public const string ClearMessage = "No risky exposure was found among the keys published so far.";
}
