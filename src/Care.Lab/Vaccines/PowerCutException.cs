namespace Care.Lab.Vaccines;

/// <summary>The simulated power went mid-job: the line stops at once, as a process would die. Restart it over the same journal.</summary>
public sealed class PowerCutException : Exception
{
    /// <summary>Creates the cut.</summary>
    public PowerCutException() : base("power cut mid-job")
    {
    }

    /// <summary>Creates the cut with a message.</summary>
    public PowerCutException(string message) : base(message)
    {
    }

    /// <summary>Creates the cut with a message and cause.</summary>
    public PowerCutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
