using System.Security.Cryptography;
using System.Text;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Core.Storage;
using Care.Hermes.Access;
using Care.Hermes.Storage;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>
/// Per-wearer Nightscout API secrets. A Nightscout client sends the secret's SHA-1 (or SHA-512) in hex
/// as the <c>api-secret</c> header or <c>token=</c>; Hermes never stores the secret nor those hashes,
/// only HMAC-SHA-256 of each hex digest under a key kept in a file beside the database
/// (<c>DB.nightscout-key</c>, owner-only), so a copy of the database alone grants nothing. Each digest's
/// keyed hash is stored as a token record (role clinician, scoped to the one wearer, label
/// <c>nightscout:&lt;wearer&gt;</c>), so issue and revocation go to the ledger and <c>care token
/// revoke</c> ends a secret like any token. Thread safe.
/// </summary>
public sealed class NightscoutSecrets
{
    /// <summary>Label prefix of the token records that hold a Nightscout secret's keyed hashes.</summary>
    public const string LabelPrefix = "nightscout:";

    /// <summary>The fewest characters a secret may have (Nightscout itself asks for 12).</summary>
    public const int MinSecretLength = 12;

    private readonly IHermesStore _store;
    private readonly TimeProvider _time;
    private readonly byte[] _key;

    /// <summary>Opens the secrets of the Hermes whose database is <paramref name="databasePath"/>, creating the HMAC key file on first use.</summary>
    public NightscoutSecrets(IHermesStore store, TimeProvider time, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
        _key = LoadOrCreateKey(KeyPath(databasePath));
    }

    /// <summary>The HMAC key file of a database: <c>DB.nightscout-key</c>.</summary>
    public static string KeyPath(string databasePath) => Path.GetFullPath(databasePath) + ".nightscout-key";

    /// <summary>
    /// Sets a wearer's API secret (issuing the token records and ledgering them). Returns the token
    /// ids; an earlier secret keeps working until revoked (<c>care token revoke ID</c>).
    /// </summary>
    /// <exception cref="InvalidInputException">The secret is shorter than <see cref="MinSecretLength"/> or longer than 200 characters.</exception>
    public async Task<IReadOnlyList<string>> SetAsync(WearerId wearer, string secret, TimeSpan lifetime, string issuedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length is < MinSecretLength or > 200)
        {
            throw new InvalidInputException("secret", $"a Nightscout API secret has {MinSecretLength} to 200 characters, not {secret.Length}");
        }
        var now = _time.GetUtcNow();
        var ids = new List<string>();
        foreach (string digest in new[] { Hex(SHA1.HashData(Encoding.UTF8.GetBytes(secret))), Hex(SHA512.HashData(Encoding.UTF8.GetBytes(secret))) })
        {
            string id = "ns_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            await _store.AddTokenAsync(new TokenRecord(id, Keyed(digest), Role.Clinician, now, null)
            {
                ExpiresAt = now + lifetime,
                Wearers = [wearer],
                Label = LabelPrefix + wearer.Value,
            }, issuedBy, cancellationToken);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>
    /// The wearer whose secret's SHA-1 or SHA-512 hex digest is <paramref name="digest"/> (any case),
    /// with the token id, when the secret works now; otherwise null.
    /// </summary>
    public async Task<(WearerId Wearer, string TokenId)?> FindAsync(string? digest, CancellationToken cancellationToken = default)
    {
        if (digest is not { Length: 40 or 128 } || !digest.All(Uri.IsHexDigit))
        {
            return null;
        }
        var record = await _store.FindTokenAsync(Keyed(digest.ToLowerInvariant()), cancellationToken);
        if (record is null || !record.IsValidAt(_time.GetUtcNow()) || record.Label?.StartsWith(LabelPrefix, StringComparison.Ordinal) != true
            || record.Wearers is not [var wearer])
        {
            return null;
        }
        return (wearer, record.Id);
    }

    private byte[] Keyed(string hexDigest) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(hexDigest));

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Length == 32 ? bytes : throw new InvalidDataException($"{path}: the Nightscout HMAC key is {bytes.Length} bytes, not 32");
        }
        var key = RandomNumberGenerator.GetBytes(32);
        OwnerOnly.CreateFile(path);
        File.WriteAllBytes(path, key);
        return key;
    }
}
