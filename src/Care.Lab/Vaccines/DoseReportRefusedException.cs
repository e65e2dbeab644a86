namespace Care.Lab.Vaccines;

/// <summary>Hermes refused a reported step (e.g. a product that does not hash to the design); the dose is refused there.</summary>
public sealed class DoseReportRefusedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public DoseReportRefusedException() : base("step refused")
    {
    }

    /// <summary>Creates the refusal with Hermes's reason.</summary>
    public DoseReportRefusedException(string message) : base(message)
    {
    }

    /// <summary>Creates the refusal with a reason and cause.</summary>
    public DoseReportRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
