using System.Buffers.Binary;
using System.Text;
using Care.Core.Errors;
using Care.Trust.Bundles;
using Care.Trust.Identity;

namespace Care.Trust.Tests.Bundles;

public sealed class SealedBundleTests
{
    private static readonly HybridSigningKey Device = HybridSigningKey.Generate();
    private static readonly HybridKemPrivateKey Hermes = HybridKemPrivateKey.Generate();
    private static readonly DateTimeOffset At = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"observations\":[{\"code\":\"8867-4\",\"value\":72}]}");

    private readonly DeviceRegistry _registry = new();
    private readonly SequenceTracker _sequences = new();

    public SealedBundleTests() => _registry.Register("patch-1", HybridAlgorithms.Signature, Device.PublicKey.Export());

    private BundleOpener Opener() => new(Hermes, _registry, _sequences);

    private static byte[] Seal(long sequence, HybridKemPublicKey? recipient = null, byte[]? payload = null) =>
        BundleSealer.Seal(payload ?? Payload, "patch-1", sequence, Device, recipient ?? Hermes.PublicKey, At);

    private BundleRejection Rejection(byte[] bundle) => Assert.Throws<BundleRejectedException>(() => Opener().Open(bundle)).Reason;

    private static int SignedLength(byte[] bundle) => bundle.Length - 2 - HybridAlgorithms.SignatureBytes;

    [Fact]
    public void Sealed_bundle_opens_to_its_payload_and_records_the_sequence()
    {
        var opened = Opener().Open(Seal(1));
        Assert.Equal(Payload, opened.Payload);
        Assert.Equal("patch-1", opened.DeviceId);
        Assert.Equal(1, opened.Sequence);
        Assert.Equal(At, opened.SealedAt);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Payload)), opened.ContentSha256);
        Assert.Equal(1, _sequences.LastSeen("patch-1"));
    }

    [Fact]
    public void Empty_payload_round_trips()
    {
        Assert.Empty(Opener().Open(Seal(0, payload: [])).Payload);
    }

    [Fact]
    public void Payload_is_not_readable_in_the_sealed_bytes()
    {
        var text = Encoding.UTF8.GetString(Seal(1));
        Assert.DoesNotContain("8867-4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_without_its_signature_is_rejected_as_unsigned()
    {
        var bundle = Seal(1);
        Assert.Equal(BundleRejection.Unsigned, Rejection(bundle[..SignedLength(bundle)]));
        var zeroLength = bundle[..(SignedLength(bundle) + 2)];
        BinaryPrimitives.WriteUInt16BigEndian(zeroLength.AsSpan(SignedLength(bundle)), 0);
        Assert.Equal(BundleRejection.Unsigned, Rejection(zeroLength));
    }

    [Theory]
    [InlineData("ecdsa-p256")]
    [InlineData("rsa-pss-3072")]
    [InlineData("ed25519")]
    public void Bundle_claiming_a_classical_only_signature_is_rejected_with_the_reason(string algorithm)
    {
        var bundle = WithHeader(Seal(1), BundleSealer.Header("patch-1", 1, Hermes.PublicKey.KeyId, At, algorithm));
        var error = Assert.Throws<BundleRejectedException>(() => Opener().Open(bundle));
        Assert.Equal(BundleRejection.ClassicalOnly, error.Reason);
        Assert.Contains("classical-only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecdsa-p256")]
    [InlineData("RSA-2048")]
    public void Registering_a_classical_only_identity_is_refused_with_a_clear_reason(string algorithm)
    {
        var error = Assert.Throws<InvalidInputException>(() => _registry.Register("legacy-1", algorithm, new byte[64]));
        Assert.Contains("classical-only identity and is refused", error.Message, StringComparison.Ordinal);
        Assert.Null(_registry.Find("legacy-1"));
    }

    [Fact]
    public void Registering_a_malformed_key_or_a_taken_id_is_refused()
    {
        Assert.Throws<InvalidInputException>(() => _registry.Register("patch-2", HybridAlgorithms.Signature, new byte[100]));
        Assert.Throws<InvalidInputException>(() => _registry.Register("patch-1", HybridAlgorithms.Signature, Device.PublicKey.Export()));
    }

    [Fact]
    public void Bundle_from_an_unknown_device_is_rejected()
    {
        var stranger = HybridSigningKey.Generate();
        var bundle = BundleSealer.Seal(Payload, "patch-9", 1, stranger, Hermes.PublicKey, At);
        Assert.Equal(BundleRejection.UnknownDevice, Rejection(bundle));
    }

    [Fact]
    public void Bundle_signed_by_another_key_under_a_registered_device_id_is_rejected_as_tampered()
    {
        var impostor = HybridSigningKey.Generate();
        var bundle = BundleSealer.Seal(Payload, "patch-1", 1, impostor, Hermes.PublicKey, At);
        Assert.Equal(BundleRejection.Tampered, Rejection(bundle));
    }

    [Fact]
    public void Bundle_from_a_revoked_device_is_rejected()
    {
        Assert.True(_registry.Revoke("patch-1"));
        Assert.Equal(BundleRejection.RevokedDevice, Rejection(Seal(1)));
    }

    [Fact]
    public void Replayed_or_older_sequence_is_rejected()
    {
        var first = Seal(5);
        Opener().Open(first);
        Assert.Equal(BundleRejection.Replayed, Rejection(first));
        Assert.Equal(BundleRejection.Replayed, Rejection(Seal(4)));
        Assert.Equal(BundleRejection.Replayed, Rejection(Seal(5)));
        Assert.Equal(6, Opener().Open(Seal(6)).Sequence);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("kem")]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("signature")]
    public void Changing_any_part_is_rejected_as_tampered_and_records_nothing(string part)
    {
        var bundle = Seal(3);
        var headerLength = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(8));
        var kemStart = 10 + headerLength;
        var ciphertextStart = kemStart + HybridAlgorithms.KemCiphertextBytes + 12 + 4;
        var position = part switch
        {
            "header" => 10 + Encoding.UTF8.GetString(bundle, 10, headerLength).IndexOf("\"sequence\":3", StringComparison.Ordinal) + 11,
            "kem" => kemStart + 600,
            "ciphertext" => ciphertextStart + 3,
            "tag" => ciphertextStart + Payload.Length + 5,
            _ => bundle.Length - 100,
        };
        bundle[position] ^= 0x01;
        Assert.Equal(BundleRejection.Tampered, Rejection(bundle));
        Assert.Null(_sequences.LastSeen("patch-1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(60)]
    [InlineData(700)]
    [InlineData(1200)]
    [InlineData(-1)]
    [InlineData(-2000)]
    public void Truncated_bundle_is_rejected(int keep)
    {
        var bundle = Seal(1);
        var cut = keep >= 0 ? bundle[..keep] : bundle[..(bundle.Length + keep)];
        Assert.Equal(BundleRejection.Truncated, Rejection(cut));
    }

    [Fact]
    public void Bundle_encrypted_for_another_recipient_is_rejected()
    {
        var other = HybridKemPrivateKey.Generate();
        Assert.Equal(BundleRejection.WrongRecipient, Rejection(Seal(1, other.PublicKey)));
    }

    [Fact]
    public void Unknown_signature_algorithm_is_rejected_as_malformed()
    {
        var bundle = WithHeader(Seal(1), BundleSealer.Header("patch-1", 1, Hermes.PublicKey.KeyId, At, "sphincs-maybe"));
        Assert.Equal(BundleRejection.Malformed, Rejection(bundle));
    }

    [Fact]
    public void Trailing_bytes_or_a_wrong_magic_are_rejected_as_malformed()
    {
        var bundle = Seal(1);
        Assert.Equal(BundleRejection.Malformed, Rejection([.. bundle, 0x00]));
        bundle[0] = (byte)'X';
        Assert.Equal(BundleRejection.Malformed, Rejection(bundle));
    }

    [Fact]
    public void Rejected_bundle_does_not_consume_its_sequence()
    {
        var bundle = Seal(7);
        var tampered = (byte[])bundle.Clone();
        tampered[^50] ^= 0x10;
        Assert.Equal(BundleRejection.Tampered, Rejection(tampered));
        Assert.Equal(7, Opener().Open(bundle).Sequence);
    }

    private static byte[] WithHeader(byte[] bundle, byte[] header)
    {
        var oldLength = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(8));
        var result = new byte[bundle.Length - oldLength + header.Length];
        bundle.AsSpan(0, 8).CopyTo(result);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(8), (ushort)header.Length);
        header.CopyTo(result, 10);
        bundle.AsSpan(10 + oldLength).CopyTo(result.AsSpan(10 + header.Length));
        return result;
    }
}
