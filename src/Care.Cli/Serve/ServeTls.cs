using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Care.Core.Errors;
using Care.Core.Storage;

namespace Care.Cli.Serve;

/// <summary>
/// Transport security for <c>care serve</c>: which addresses may be plain HTTP (loopback only,
/// unless the operator says otherwise), and the server certificate (a given file, or a self-signed
/// development certificate generated once beside the database).
/// </summary>
internal static class ServeTls
{
    /// <summary>Checks every address; returns the parsed URIs. Plain HTTP on a non-loopback address needs <paramref name="allowHttp"/>.</summary>
    public static IReadOnlyList<Uri> CheckUrls(string urls, bool allowHttp, bool haveCertificate)
    {
        var parsed = new List<Uri>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards ('*', '+') are not valid URI hosts; read them as "every address".
            var uri = Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var u) ? u : null;
            if (uri is null || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidInputException("--urls", $"'{url}' is not an http:// or https:// address");
            }
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri) && !allowHttp)
            {
                throw new InvalidInputException("--urls", $"'{url}' would serve health records in plain HTTP beyond this machine; use https:// with --cert FILE (or --dev-cert), or pass --allow-http behind a TLS-terminating proxy");
            }
            if (uri.Scheme == Uri.UriSchemeHttps && !haveCertificate)
            {
                throw new InvalidInputException("--urls", $"'{url}' is https: give the server certificate with --cert FILE, or --dev-cert for a self-signed development certificate");
            }
            parsed.Add(uri);
        }
        if (parsed.Count == 0)
        {
            throw new InvalidInputException("--urls", "no address given");
        }
        return parsed;
    }

    /// <summary>True for <c>localhost</c> and loopback IP addresses.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Loads a server certificate with its private key: PKCS#12 (<c>.pfx</c>, <c>.p12</c>) or PEM (certificate and key in one file, or the key in <paramref name="keyFile"/>).</summary>
    public static X509Certificate2 Load(string file, string? keyFile, string? password)
    {
        if (!File.Exists(file))
        {
            throw new InvalidInputException("--cert", $"'{file}' does not exist or is not a file");
        }
        try
        {
            var certificate = Path.GetExtension(file).ToLowerInvariant() is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(file, password)
                : X509Certificate2.CreateFromPemFile(file, keyFile);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidInputException("--cert", $"'{file}' holds no private key; give the key with --cert-key FILE or use a .pfx");
        }
        catch (CryptographicException e)
        {
            throw new InvalidInputException("--cert", $"'{file}' is not a usable certificate: {e.Message}");
        }
    }

    /// <summary>
    /// The development certificate beside the database (<c>DB.tls.pfx</c>, owner-only; its public half
    /// in <c>DB.tls.crt</c> for clients to pin), generated on first use: self-signed, ECDSA P-256, for
    /// localhost, 127.0.0.1 and ::1, valid one year. Never for production.
    /// </summary>
    public static (X509Certificate2 Certificate, string PublicPath) Development(string databasePath, TimeProvider time)
    {
        string full = Path.GetFullPath(databasePath);
        string pfx = full + ".tls.pfx", crt = full + ".tls.crt";
        if (File.Exists(pfx))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(pfx, null);
            if (existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(1))
            {
                return (existing, crt);
            }
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=Care development", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        OwnerOnly.CreateFolder(Path.GetDirectoryName(full)!);
        OwnerOnly.CreateFile(pfx);
        File.WriteAllBytes(pfx, created.Export(X509ContentType.Pkcs12));
        File.WriteAllText(crt, created.ExportCertificatePem());
        return (X509CertificateLoader.LoadPkcs12FromFile(pfx, null), crt);
    }
}
