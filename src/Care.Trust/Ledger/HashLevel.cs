namespace Care.Trust.Ledger;

/// <summary>A growable array of 32-byte hashes stored contiguously (one allocation per doubling).</summary>
internal sealed class HashLevel
{
    private byte[] _buffer = new byte[MerkleHash.Size * 16];

    public long Count { get; private set; }

    public ReadOnlySpan<byte> this[long index] => _buffer.AsSpan(checked((int)(index * MerkleHash.Size)), MerkleHash.Size);

    public void Add(ReadOnlySpan<byte> hash)
    {
        var offset = checked((int)(Count * MerkleHash.Size));
        if (offset + MerkleHash.Size > _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(Math.Min(Array.MaxLength / MerkleHash.Size * MerkleHash.Size, _buffer.Length * 2)));
        }
        hash.CopyTo(_buffer.AsSpan(offset));
        Count++;
    }
}
