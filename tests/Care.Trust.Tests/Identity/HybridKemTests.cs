using Care.Trust.Identity;

namespace Care.Trust.Tests.Identity;

public sealed class HybridKemTests
{
    private static readonly HybridKemPrivateKey Recipient = HybridKemPrivateKey.Generate();

    [Fact]
    public void Recipient_recovers_the_encapsulated_key()
    {
        var sent = Recipient.PublicKey.Encapsulate();
        Assert.Equal(HybridAlgorithms.KemCiphertextBytes, sent.Ciphertext.Length);
        Assert.Equal(32, sent.SharedKey.Length);
        Assert.Equal(sent.SharedKey, Recipient.Decapsulate(sent.Ciphertext));
    }

    [Fact]
    public void Two_encapsulations_give_different_keys()
    {
        Assert.NotEqual(Recipient.PublicKey.Encapsulate().SharedKey, Recipient.PublicKey.Encapsulate().SharedKey);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(HybridAlgorithms.X25519PublicKeyBytes + 17)]
    [InlineData(HybridAlgorithms.KemCiphertextBytes - 1)]
    public void Changing_any_part_of_the_ciphertext_changes_the_key(int position)
    {
        var sent = Recipient.PublicKey.Encapsulate();
        sent.Ciphertext[position] ^= 0x02;
        Assert.NotEqual(sent.SharedKey, Recipient.Decapsulate(sent.Ciphertext));
    }

    [Fact]
    public void Another_recipient_gets_a_different_key()
    {
        var sent = Recipient.PublicKey.Encapsulate();
        Assert.NotEqual(sent.SharedKey, HybridKemPrivateKey.Generate().Decapsulate(sent.Ciphertext));
    }

    [Fact]
    public void Seeds_round_trip_to_the_same_public_key_and_truncated_ciphertext_is_refused()
    {
        var again = HybridKemPrivateKey.FromSeeds(Recipient.ExportSeeds());
        Assert.Equal(Recipient.PublicKey.KeyId, again.PublicKey.KeyId);
        Assert.Throws<ArgumentException>(() => Recipient.Decapsulate(new byte[HybridAlgorithms.KemCiphertextBytes - 1]));
    }
}
