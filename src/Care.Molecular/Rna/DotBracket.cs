using Care.Core.Errors;

namespace Care.Molecular.Rna;

/// <summary>Dot-bracket secondary structures: <c>(</c> and <c>)</c> pair, <c>.</c> is unpaired; no pseudoknots.</summary>
public static class DotBracket
{
    /// <summary>
    /// Reads <paramref name="structure"/> into a pair table: <c>pairs[i]</c> is the 0-based partner of base i, or −1.
    /// </summary>
    /// <param name="structure">The dot-bracket text.</param>
    /// <param name="length">Length of the sequence it belongs to.</param>
    /// <param name="where">Names the input in messages.</param>
    /// <exception cref="InvalidInputException">Wrong length, another character, or unbalanced brackets (1-based position named).</exception>
    public static int[] Parse(string structure, int length, string where = "structure")
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (structure.Length != length)
        {
            throw new InvalidInputException(where, $"structure has {structure.Length} characters but the sequence has {length}");
        }
        var pairs = new int[length];
        var open = new Stack<int>();
        for (var i = 0; i < length; i++)
        {
            pairs[i] = -1;
            switch (structure[i])
            {
                case '.':
                    break;
                case '(':
                    open.Push(i);
                    break;
                case ')':
                    if (open.Count == 0)
                    {
                        throw new InvalidInputException(where, $"position {i + 1}: ')' has no matching '('");
                    }
                    var k = open.Pop();
                    pairs[k] = i;
                    pairs[i] = k;
                    break;
                default:
                    throw new InvalidInputException(where, $"position {i + 1}: '{structure[i]}' is not '(', ')' or '.'");
            }
        }
        if (open.Count > 0)
        {
            throw new InvalidInputException(where, $"position {open.Peek() + 1}: '(' is never closed");
        }
        return pairs;
    }

    /// <summary>The dot-bracket text of a pair table.</summary>
    public static string Format(ReadOnlySpan<int> pairs)
    {
        var chars = new char[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            chars[i] = pairs[i] < 0 ? '.' : pairs[i] > i ? '(' : ')';
        }
        return new string(chars);
    }
}
