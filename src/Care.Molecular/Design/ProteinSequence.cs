using Care.Core.Errors;

namespace Care.Molecular.Design;

/// <summary>Checks protein sequences for design: the 20 standard one-letter codes, an optional final stop <c>*</c>.</summary>
public static class ProteinSequence
{
    /// <summary>The upper-case protein; a final '*' is kept (it is designed as a stop codon).</summary>
    /// <exception cref="InvalidInputException">Empty, an unknown residue or an internal stop (1-based position named).</exception>
    public static string Validate(string protein, string where = "protein")
    {
        ArgumentNullException.ThrowIfNull(protein);
        var p = protein.Trim().ToUpperInvariant();
        if (p.Length == 0)
        {
            throw new InvalidInputException(where, "the protein is empty");
        }
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == '*')
            {
                if (i != p.Length - 1)
                {
                    throw new InvalidInputException(where, $"position {i + 1}: internal stop '*'");
                }
            }
            else if (!"ACDEFGHIKLMNPQRSTVWY".Contains(p[i], StringComparison.Ordinal))
            {
                throw new InvalidInputException(where, $"position {i + 1}: '{p[i]}' is not one of the 20 standard amino acids");
            }
        }
        return p;
    }
}
