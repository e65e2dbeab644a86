using Care.Core.Ids;
using Care.Hermes.Ingest;

namespace Care.Hermes.Cluster.Wearers;

/// <summary>An <see cref="OpenedUpload"/> on the wire between silos: the decrypted payload and what its seal said. Immutable.</summary>
[GenerateSerializer, Immutable]
public sealed class WearerUpload
{
    /// <summary>The device that signed the bundle.</summary>
    [Id(0)] public string DeviceId { get; init; } = "";

    /// <summary>The seal's sequence number.</summary>
    [Id(1)] public long Sequence { get; init; }

    /// <summary>When the device sealed it.</summary>
    [Id(2)] public DateTimeOffset SealedAt { get; init; }

    /// <summary>The decrypted version-1 JSON payload.</summary>
    [Id(3)] public byte[] Payload { get; init; } = [];

    /// <summary>SHA-256 of the payload, hex.</summary>
    [Id(4)] public string PayloadSha256 { get; init; } = "";

    /// <summary>SHA-256 of the sealed bytes as uploaded.</summary>
    [Id(5)] public byte[] SealedSha256 { get; init; } = [];

    /// <summary>When the receiving silo took the upload (UTC).</summary>
    [Id(6)] public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The wearer the payload names.</summary>
    [Id(7)] public string Wearer { get; init; } = "";

    /// <summary>The wire form of <paramref name="upload"/>.</summary>
    public static WearerUpload From(OpenedUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return new WearerUpload
        {
            DeviceId = upload.DeviceId, Sequence = upload.Sequence, SealedAt = upload.SealedAt, Payload = upload.Payload,
            PayloadSha256 = upload.PayloadSha256, SealedSha256 = upload.SealedSha256, ReceivedAt = upload.ReceivedAt, Wearer = upload.Wearer.Value,
        };
    }

    /// <summary>Back to the core's form (the payload is read again on the storing node).</summary>
    public OpenedUpload ToOpened() =>
        new(DeviceId, Sequence, SealedAt, Payload, PayloadSha256, SealedSha256, ReceivedAt, WearerId.Parse(Wearer));
}
