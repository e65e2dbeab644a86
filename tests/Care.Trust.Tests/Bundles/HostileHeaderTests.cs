using System.Buffers.Binary;
using System.Text;
using Care.Trust.Bundles;
using Care.Trust.Identity;

namespace Care.Trust.Tests.Bundles;

/// <summary>Sealed-bundle headers found by fuzzing (issue 11 item 7): refused as malformed, never another exception.</summary>
public sealed class HostileHeaderTests
{
    private static readonly HybridKemPrivateKey Hermes = HybridKemPrivateKey.Generate();

    private static byte[] WithHeader(byte[] header)
    {
        var bundle = new byte[10 + header.Length + 4096];
        Encoding.ASCII.GetBytes("CARESB1\0").CopyTo(bundle, 0);
        BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bundle, 10);
        return bundle;
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"sequence\":1,\"recipient\":\"r\",\"sealedAt\":1,\"deviceId\":\"p\u00ff\"}")]
    public void Given_a_header_that_is_not_an_object_of_text_When_opened_Then_it_is_rejected_as_malformed(string header)
    {
        var bytes = Encoding.Latin1.GetBytes(header); // \u00ff becomes the invalid UTF-8 byte 0xFF

        var e = Assert.Throws<BundleRejectedException>(() => new BundleOpener(Hermes, new DeviceRegistry(), new SequenceTracker()).Open(WithHeader(bytes)));

        Assert.Equal(BundleRejection.Malformed, e.Reason);
        Assert.Contains("header at byte 10", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-62135596800001)]
    public void Given_a_sealed_at_outside_the_calendar_When_opened_Then_it_is_rejected_as_malformed(long sealedAt)
    {
        var header = Encoding.UTF8.GetBytes($"{{\"deviceId\":\"patch-1\",\"sequence\":1,\"recipient\":\"r\",\"sealedAt\":{sealedAt},\"sig\":\"x\"}}");

        var e = Assert.Throws<BundleRejectedException>(() => new BundleOpener(Hermes, new DeviceRegistry(), new SequenceTracker()).Open(WithHeader(header)));

        Assert.Equal(BundleRejection.Malformed, e.Reason);
        Assert.Contains("'sealedAt'", e.Message, StringComparison.Ordinal);
    }
}
