using System.Text;
using Care.Core.Errors;

namespace Care.Trust.Identity;

/// <summary>
/// Small text key files: a header line naming the kind, then the key. Secret files hold hex, are
/// created new with permissions 0600 and are refused when group or others may read or write them;
/// public files hold base64 and are world-readable.
/// </summary>
public static class KeyFile
{
    /// <summary>
    /// Creates <paramref name="path"/> holding <paramref name="secret"/>; throws <see cref="IOException"/>
    /// when the file already exists (a key is never overwritten).
    /// </summary>
    public static void WriteSecret(string path, string header, ReadOnlySpan<byte> secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes($"{header}\n{Convert.ToHexStringLower(secret)}\n"));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads a secret of exactly <paramref name="length"/> bytes. Throws <see cref="InvalidInputException"/>
    /// naming the file when it is missing, malformed, of another kind, or readable by group or others.
    /// </summary>
    public static byte[] ReadSecret(string path, string header, int length)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "key file not found");
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidInputException(path, "key file is readable or writable by group or others; run chmod 600 on it");
        }
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0] != header || lines[1].Length != length * 2 || !lines[1].All(char.IsAsciiHexDigit))
        {
            throw new InvalidInputException(path, $"not a '{header}' key file (expected that header line then {length * 2} hex digits)");
        }
        return Convert.FromHexString(lines[1]);
    }

    /// <summary>Writes (or replaces) a public key file.</summary>
    public static void WritePublic(string path, string header, ReadOnlySpan<byte> publicKey) =>
        File.WriteAllText(path, $"{header}\n{Convert.ToBase64String(publicKey)}\n");

    /// <summary>Reads a public key file; throws <see cref="InvalidInputException"/> naming the file when missing or malformed.</summary>
    public static byte[] ReadPublic(string path, string header)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "public key file not found");
        }
        var lines = File.ReadAllLines(path);
        try
        {
            if (lines.Length >= 2 && lines[0] == header)
            {
                return Convert.FromBase64String(lines[1]);
            }
        }
        catch (FormatException e)
        {
            throw new InvalidInputException(path, $"malformed public key: {e.Message}");
        }
        throw new InvalidInputException(path, $"not a '{header}' public key file (expected that header line then base64)");
    }
}
