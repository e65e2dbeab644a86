namespace Care.Trust.Bundles;

/// <summary>Thrown when a sealed bundle is refused; <see cref="Reason"/> says which check failed and the message says where.</summary>
public sealed class BundleRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BundleRejectedException(BundleRejection reason, string message)
        : base($"bundle rejected ({reason}): {message}")
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with a generic reason (for serializers and tools).</summary>
    public BundleRejectedException()
        : this(BundleRejection.Malformed, "unspecified")
    {
    }

    /// <summary>Creates the exception with a generic reason (for serializers and tools).</summary>
    public BundleRejectedException(string message)
        : this(BundleRejection.Malformed, message)
    {
    }

    /// <summary>Creates the exception with a generic reason (for serializers and tools).</summary>
    public BundleRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = BundleRejection.Malformed;
    }

    /// <summary>Which check failed.</summary>
    public BundleRejection Reason { get; }
}
