namespace Care.Epidemic.Exports;

/// <summary>
/// Which key signed an export (GAEN <c>SignatureInfo</c>).
/// </summary>
/// <param name="KeyVersion">Key version for rollovers, e.g. <c>v1</c> (GAEN: <c>[a-zA-Z0-9_]</c>).</param>
/// <param name="KeyId">Alias of the public key (GAEN: the mobile country code, or an id).</param>
/// <param name="AlgorithmOid">ASN.1 OID of the signature algorithm; <see cref="EcdsaP256Sha256"/> for GAEN clients.</param>
public sealed record ExportSignatureInfo(string KeyVersion, string KeyId, string AlgorithmOid)
{
    /// <summary>ecdsa-with-SHA256 (RFC 5758), the algorithm every GAEN client verifies.</summary>
    public const string EcdsaP256Sha256 = "1.2.840.10045.4.3.2";
}
