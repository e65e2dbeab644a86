namespace Care.Hermes.Campaigns;

/// <summary>
/// A campaign act that the rules refuse, with the HTTP status it maps to (403 ineligible wearer,
/// 404 unknown campaign or dose, 409 replay or wrong step or wrong product, 410 expired campaign,
/// 503 design unavailable), the field or resource concerned, and a message naming the problem.
/// </summary>
public sealed class CampaignRefusedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public CampaignRefusedException(int status, string where, string message) : base(message)
    {
        Status = status;
        Where = where;
    }

    /// <summary>Creates an unspecified refusal (for serialisers; prefer the full constructor).</summary>
    public CampaignRefusedException() : this(409, "$", "refused")
    {
    }

    /// <summary>Creates a refusal with a message only (409).</summary>
    public CampaignRefusedException(string message) : this(409, "$", message)
    {
    }

    /// <summary>Creates a refusal with a message and cause (409).</summary>
    public CampaignRefusedException(string message, Exception innerException) : base(message, innerException)
    {
        Status = 409;
        Where = "$";
    }

    /// <summary>The HTTP status the refusal maps to.</summary>
    public int Status { get; }

    /// <summary>The field or resource the refusal concerns (a JSON path or a route value).</summary>
    public string Where { get; }
}
