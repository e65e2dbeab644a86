using System.IO.Compression;
using Care.Core.Errors;
using Google.Protobuf;

namespace Care.Epidemic.Exports;

/// <summary>
/// The GAEN export archive: a zip with exactly <c>export.bin</c> and <c>export.sig</c> (a
/// <c>TEKSignatureList</c> of signatures over the whole <c>export.bin</c>). Reading refuses a
/// missing, duplicated, oversized or unexpected entry and a malformed signature list, naming the
/// archive and the entry. Writing signs with every given signer, ECDSA first. Thread-safe.
/// </summary>
public static class ExportArchive
{
    /// <summary>Name of the key file inside the archive.</summary>
    public const string BinEntry = "export.bin";

    /// <summary>Name of the signature file inside the archive.</summary>
    public const string SigEntry = "export.sig";

    /// <summary>Largest <c>export.sig</c> read, in bytes (10 signatures of hybrid post-quantum size fit).</summary>
    public const int MaxSignatureFileSize = 1 << 20;

    /// <summary>Reads an archive; <paramref name="where"/> names it in errors. Signatures are parsed but not verified: use <see cref="SignedExport.IsSignedBy"/>.</summary>
    public static SignedExport Read(ReadOnlySpan<byte> zip, string where)
    {
        ArgumentNullException.ThrowIfNull(where);
        byte[]? bin = null;
        byte[]? sig = null;
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip.ToArray(), writable: false), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                switch (entry.FullName)
                {
                    case BinEntry:
                        bin = bin is null ? ReadEntry(entry, ExportBin.MaxSize, where) : throw Duplicate(where, BinEntry);
                        break;
                    case SigEntry:
                        sig = sig is null ? ReadEntry(entry, MaxSignatureFileSize, where) : throw Duplicate(where, SigEntry);
                        break;
                    default:
                        throw new InvalidInputException($"{where} entry '{entry.FullName}'", "unexpected entry: an export archive holds only export.bin and export.sig");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(where, $"not a readable zip archive ({e.Message.TrimEnd('.')})");
        }
        if (bin is null)
        {
            throw new InvalidInputException(where, "the archive has no export.bin");
        }
        if (sig is null)
        {
            throw new InvalidInputException(where, "the archive has no export.sig");
        }
        var export = ExportBin.Read(bin, $"{where}!{BinEntry}");
        return new SignedExport(export, bin, ReadSignatures(sig, $"{where}!{SigEntry}"));
    }

    /// <summary>
    /// Writes <paramref name="export"/> (its signature infos replaced by the signers') as a signed
    /// archive: one <c>TEKSignature</c> per signer, in the given order. Needs at least one signer.
    /// </summary>
    public static byte[] Write(KeyExport export, IReadOnlyList<IExportSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentOutOfRangeException.ThrowIfZero(signers.Count, nameof(signers));
        var signed = export with { SignatureInfos = [.. signers.Select(s => s.Info)] };
        var bin = ExportBin.Write(signed);
        var list = new Wire.TEKSignatureList();
        foreach (var signer in signers)
        {
            list.Signatures.Add(new Wire.TEKSignature
            {
                SignatureInfo = new Wire.SignatureInfo
                {
                    VerificationKeyVersion = signer.Info.KeyVersion,
                    VerificationKeyId = signer.Info.KeyId,
                    SignatureAlgorithm = signer.Info.AlgorithmOid,
                },
                BatchNum = signed.BatchNum,
                BatchSize = signed.BatchSize,
                Signature = ByteString.CopyFrom(signer.Sign(bin)),
            });
        }
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(archive, BinEntry, bin);
            WriteEntry(archive, SigEntry, list.ToByteArray());
        }
        return buffer.ToArray();
    }

    internal static IReadOnlyList<ExportSignature> ReadSignatures(byte[] sig, string where)
    {
        var list = new Wire.TEKSignatureList();
        var input = new CodedInputStream(sig);
        try
        {
            list.MergeFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidInputException($"{where} byte {input.Position}", $"not a valid TEKSignatureList ({e.Message.TrimEnd('.')})");
        }
        if (list.Signatures.Count == 0)
        {
            throw new InvalidInputException(where, "the signature list is empty");
        }
        var result = new List<ExportSignature>(list.Signatures.Count);
        for (var i = 0; i < list.Signatures.Count; i++)
        {
            var s = list.Signatures[i];
            if (s.SignatureInfo is null || s.Signature.IsEmpty)
            {
                throw new InvalidInputException($"{where} signatures[{i}]", "a signature needs both signature_info and signature bytes");
            }
            var info = new ExportSignatureInfo(s.SignatureInfo.VerificationKeyVersion, s.SignatureInfo.VerificationKeyId, s.SignatureInfo.SignatureAlgorithm);
            result.Add(new ExportSignature(info, s.BatchNum, s.BatchSize, s.Signature.ToByteArray()));
        }
        return result;
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, int limit, string where)
    {
        if (entry.Length > limit)
        {
            throw new InvalidInputException($"{where} entry '{entry.FullName}'", $"{entry.Length} bytes uncompressed, more than the {limit}-byte limit");
        }
        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0)
            {
                throw new InvalidInputException($"{where} entry '{entry.FullName}' byte {read}", $"truncated: the entry ends after {read} of {bytes.Length} bytes");
            }
            read += n;
        }
        return bytes;
    }

    private static InvalidInputException Duplicate(string where, string name) =>
        new($"{where} entry '{name}'", "the archive holds this entry twice");

    private static void WriteEntry(ZipArchive archive, string name, byte[] bytes)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
