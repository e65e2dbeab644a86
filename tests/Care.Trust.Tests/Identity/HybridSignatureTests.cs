using System.Text;
using Care.Trust.Identity;

namespace Care.Trust.Tests.Identity;

public sealed class HybridSignatureTests
{
    private static readonly HybridSigningKey Key = HybridSigningKey.Generate();
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("dose plan 42: 1.5 U/h basal");

    [Fact]
    public void Signature_made_by_a_key_verifies_with_its_public_key()
    {
        var signature = Key.Sign(Message);
        Assert.Equal(HybridAlgorithms.SignatureBytes, signature.Length);
        Assert.True(Key.PublicKey.Verify(Message, signature));
    }

    [Fact]
    public void Signature_over_a_changed_message_is_rejected()
    {
        var signature = Key.Sign(Message);
        var changed = (byte[])Message.Clone();
        changed[^1] ^= 1;
        Assert.False(Key.PublicKey.Verify(changed, signature));
    }

    [Fact]
    public void Signature_is_rejected_when_only_the_ed25519_part_is_valid()
    {
        var signature = Key.Sign(Message);
        signature[HybridAlgorithms.Ed25519SignatureBytes + 100] ^= 0x40;
        Assert.False(Key.PublicKey.Verify(Message, signature));
    }

    [Fact]
    public void Signature_is_rejected_when_only_the_ml_dsa_part_is_valid()
    {
        var signature = Key.Sign(Message);
        signature[10] ^= 0x01;
        Assert.False(Key.PublicKey.Verify(Message, signature));
    }

    [Fact]
    public void Halves_of_two_valid_signatures_from_different_keys_do_not_combine()
    {
        var other = HybridSigningKey.Generate();
        var mine = Key.Sign(Message);
        var theirs = other.Sign(Message);
        var mixed = mine[..HybridAlgorithms.Ed25519SignatureBytes].Concat(theirs[HybridAlgorithms.Ed25519SignatureBytes..]).ToArray();
        Assert.False(Key.PublicKey.Verify(Message, mixed));
        Assert.False(other.PublicKey.Verify(Message, mixed));
    }

    [Fact]
    public void Signature_of_another_key_is_rejected()
    {
        var other = HybridSigningKey.Generate();
        Assert.False(Key.PublicKey.Verify(Message, other.Sign(Message)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(HybridAlgorithms.SignatureBytes - 1)]
    [InlineData(HybridAlgorithms.SignatureBytes + 1)]
    public void Signature_of_the_wrong_length_is_rejected_without_throwing(int length)
    {
        var signature = Key.Sign(Message);
        var resized = new byte[length];
        signature.AsSpan(0, Math.Min(length, signature.Length)).CopyTo(resized);
        Assert.False(Key.PublicKey.Verify(Message, resized));
    }

    [Fact]
    public void Same_seeds_give_the_same_public_key_and_export_round_trips()
    {
        var again = HybridSigningKey.FromSeeds(Key.ExportSeeds());
        Assert.Equal(Key.PublicKey, again.PublicKey);
        Assert.Equal(Key.PublicKey.KeyId, HybridVerificationKey.Import(Key.PublicKey.Export()).KeyId);
        Assert.True(again.PublicKey.Verify(Message, Key.Sign(Message)));
    }

    [Fact]
    public void Seeds_of_the_wrong_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => HybridSigningKey.FromSeeds(new byte[63]));
        Assert.Throws<ArgumentException>(() => HybridVerificationKey.Import(new byte[HybridAlgorithms.VerificationKeyBytes - 1]));
    }
}
