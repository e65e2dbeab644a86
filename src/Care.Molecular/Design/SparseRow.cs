namespace Care.Molecular.Design;

/// <summary>The states of one row that survived the beam: keys (position × 36 + letter pair) ascending, with their values (dcal/mol).</summary>
internal sealed class SparseRow
{
    public static readonly SparseRow Empty = new([], []);

    public SparseRow(int[] keys, float[] values)
    {
        Keys = keys;
        Values = values;
    }

    public int[] Keys { get; }

    public float[] Values { get; }

    public float Lookup(int key)
    {
        var k = Array.BinarySearch(Keys, key);
        return k >= 0 ? Values[k] : CodonLattice.Inf;
    }
}
