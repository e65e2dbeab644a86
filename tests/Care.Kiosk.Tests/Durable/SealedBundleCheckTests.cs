using Care.Core.Ids;
using Care.Kiosk.Exchange;

namespace Care.Kiosk.Tests.Durable;

public sealed class SealedBundleCheckTests
{
    private static (byte[] Bytes, ExchangeRequest Request) Sealed()
    {
        var world = new KioskWorld(11, 1);
        var request = world.Requests[0];
        return (world.Hardware.ReadSealedBundle(request.OldPatch), request);
    }

    [Fact]
    public void Given_the_patchs_own_bundle_When_checked_Then_its_header_is_read()
    {
        var (bytes, r) = Sealed();
        var header = SealedBundleCheck.Verify(bytes, r.OldPatch, r.OldPatchKey);
        Assert.Equal(r.OldPatch.Value, header.DeviceId);
        Assert.Equal(1, header.Sequence);
    }

    [Fact]
    public void Given_a_truncated_bundle_When_checked_Then_it_is_refused_naming_the_field_and_byte()
    {
        var (bytes, r) = Sealed();
        var e = Assert.Throws<BundleRefusedAtKioskException>(() => SealedBundleCheck.Verify(bytes.AsSpan(0, bytes.Length - 100), r.OldPatch, r.OldPatchKey));
        Assert.Contains("truncated in its signature", e.Message, StringComparison.Ordinal);
        Assert.Contains("(byte ", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BundleRefusedAtKioskException>(() => SealedBundleCheck.Verify(bytes.AsSpan(0, 5), r.OldPatch, r.OldPatchKey));
        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_one_flipped_ciphertext_bit_When_checked_Then_the_signature_fails()
    {
        var (bytes, r) = Sealed();
        bytes[bytes.Length / 2] ^= 1;
        var e = Assert.Throws<BundleRefusedAtKioskException>(() => SealedBundleCheck.Verify(bytes, r.OldPatch, r.OldPatchKey));
        Assert.Contains("does not verify", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_trailing_bytes_or_another_device_When_checked_Then_each_is_refused_with_its_reason()
    {
        var (bytes, r) = Sealed();
        var e = Assert.Throws<BundleRefusedAtKioskException>(() => SealedBundleCheck.Verify([.. bytes, 0], r.OldPatch, r.OldPatchKey));
        Assert.Contains("1 bytes after its signature", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BundleRefusedAtKioskException>(() => SealedBundleCheck.Verify(bytes, PatchId.Parse("P-99"), r.OldPatchKey));
        Assert.Contains("not by the wearer's patch 'P-99'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_oversized_bundle_When_checked_Then_it_is_refused_before_parsing()
    {
        var (_, r) = Sealed();
        var e = Assert.Throws<BundleRefusedAtKioskException>(() => SealedBundleCheck.Verify(new byte[SealedBundleCheck.MaxBundleBytes + 1], r.OldPatch, r.OldPatchKey));
        Assert.Contains("more than the", e.Message, StringComparison.Ordinal);
    }
}
