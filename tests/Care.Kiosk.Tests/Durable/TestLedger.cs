using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Kiosk.Tests.Durable;

/// <summary>A ledger key that proves single entries (one-leaf trees: RFC 9162 root = leaf hash, empty path).</summary>
internal sealed class TestLedger
{
    private readonly HybridSigningKey _key = HybridSigningKey.Generate();

    public HybridVerificationKey PublicKey => _key.PublicKey;

    public InclusionProofDocument Prove(LedgerEntry entry)
    {
        var data = entry.ToCanonicalJson(0);
        var leaf = MerkleHash.Leaf(data);
        var head = SignedTreeHead.Sign(_key, 1, leaf, entry.At);
        return new InclusionProofDocument(0, data, leaf, head, []);
    }
}
