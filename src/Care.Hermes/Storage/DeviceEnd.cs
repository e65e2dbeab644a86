namespace Care.Hermes.Storage;

/// <summary>Why a patch identity stops being accepted.</summary>
public enum DeviceEnd
{
    /// <summary>Taken off at a swap after its data was acknowledged: the normal end of a patch.</summary>
    Retired = 1,

    /// <summary>Lost, stolen or compromised.</summary>
    Revoked = 2,
}
