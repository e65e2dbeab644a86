using Care.Core.Errors;
using Care.Epidemic.Proximity;
using Google.Protobuf;

namespace Care.Epidemic.Exports;

/// <summary>
/// Reads and writes GAEN <c>export.bin</c>: the 16-byte header <c>"EK Export v1"</c> padded with
/// spaces, then a <c>TemporaryExposureKeyExport</c> protobuf. Reading checks every key (length,
/// intervals, periods, risk levels, duplicates) and refuses the whole file at the first problem with
/// <see cref="InvalidInputException"/> naming the file and the byte offset or key index. Thread-safe.
/// </summary>
public static class ExportBin
{
    /// <summary>Length of the header in bytes.</summary>
    public const int HeaderSize = 16;

    /// <summary>Largest <c>export.bin</c> read, in bytes (64 MiB ≈ 2 million keys).</summary>
    public const int MaxSize = 64 << 20;

    /// <summary>The header bytes.</summary>
    public static ReadOnlySpan<byte> Header => "EK Export v1    "u8;

    /// <summary>Parses and validates an <c>export.bin</c>; <paramref name="where"/> names it in errors.</summary>
    public static KeyExport Read(ReadOnlySpan<byte> bytes, string where)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (bytes.Length > MaxSize)
        {
            throw new InvalidInputException(where, $"export.bin is {bytes.Length} bytes, more than the {MaxSize}-byte limit");
        }
        if (bytes.Length < HeaderSize)
        {
            throw new InvalidInputException($"{where} byte 0", $"truncated: {bytes.Length} bytes, shorter than the 16-byte 'EK Export v1' header");
        }
        if (!bytes[..HeaderSize].SequenceEqual(Header))
        {
            var at = FirstDifference(bytes[..HeaderSize], Header);
            throw new InvalidInputException($"{where} byte {at}", "the header is not 'EK Export v1' padded with spaces to 16 bytes");
        }
        var message = new Wire.TemporaryExposureKeyExport();
        var input = new CodedInputStream(bytes[HeaderSize..].ToArray());
        try
        {
            message.MergeFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidInputException($"{where} byte {HeaderSize + input.Position}", $"not a valid TemporaryExposureKeyExport ({e.Message.TrimEnd('.')})");
        }
        return ToDomain(message, where);
    }

    /// <summary>Writes <paramref name="export"/> as header + protobuf; throws <see cref="InvalidInputException"/> when it is not valid.</summary>
    public static byte[] Write(KeyExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var message = ToWire(export);
        // Round-trip through the reader's rules so Care never publishes what it would refuse.
        ToDomain(message, "export to write");
        var body = message.ToByteArray();
        var bytes = new byte[HeaderSize + body.Length];
        Header.CopyTo(bytes);
        body.CopyTo(bytes, HeaderSize);
        return bytes;
    }

    private static KeyExport ToDomain(Wire.TemporaryExposureKeyExport m, string where)
    {
        if (m.EndTimestamp < m.StartTimestamp)
        {
            throw new InvalidInputException($"{where} end_timestamp", $"end_timestamp {m.EndTimestamp} is before start_timestamp {m.StartTimestamp}");
        }
        var batchSize = m.HasBatchSize ? m.BatchSize : 1;
        var batchNum = m.HasBatchNum ? m.BatchNum : 1;
        if (batchSize < 1 || batchNum < 1 || batchNum > batchSize)
        {
            throw new InvalidInputException($"{where} batch_num", $"batch {batchNum} of {batchSize} is impossible (need 1 ≤ batch_num ≤ batch_size)");
        }
        if (m.SignatureInfos.Count > 10)
        {
            throw new InvalidInputException($"{where} signature_infos", $"{m.SignatureInfos.Count} signature infos, more than GAEN's limit of 10");
        }
        var seen = new HashSet<Block128>();
        var keys = Keys(m.Keys, $"{where} keys", seen);
        var revised = Keys(m.RevisedKeys, $"{where} revised_keys", new HashSet<Block128>());
        var infos = m.SignatureInfos.Select(s => new ExportSignatureInfo(s.VerificationKeyVersion, s.VerificationKeyId, s.SignatureAlgorithm)).ToList();
        return new KeyExport(m.StartTimestamp, m.EndTimestamp, m.Region, batchNum, batchSize, infos, keys, revised);
    }

    private static List<DiagnosisKey> Keys(IList<Wire.TemporaryExposureKey> wire, string where, HashSet<Block128> seen)
    {
        var keys = new List<DiagnosisKey>(wire.Count);
        for (var i = 0; i < wire.Count; i++)
        {
            var w = wire[i];
            if (w.KeyData.Length != Block128.Size)
            {
                throw new InvalidInputException($"{where}[{i}].key_data", $"key_data is {w.KeyData.Length} bytes; a temporary exposure key is 16");
            }
            var key = new DiagnosisKey(
                Block128.FromBytes(w.KeyData.Span),
                w.RollingStartIntervalNumber,
                w.RollingPeriod,
#pragma warning disable CS0612 // deprecated in GAEN v1.5 but still the risk signal v1 clients and our matcher use
                w.TransmissionRiskLevel,
#pragma warning restore CS0612
                (ReportType)(int)w.ReportType,
                w.HasDaysSinceOnsetOfSymptoms ? w.DaysSinceOnsetOfSymptoms : null);
            if (key.Problem() is { } problem)
            {
                throw new InvalidInputException($"{where}[{i}]", problem);
            }
            if (!seen.Add(key.KeyData))
            {
                throw new InvalidInputException($"{where}[{i}].key_data", "duplicate key: the same key_data appears earlier in this file");
            }
            keys.Add(key);
        }
        return keys;
    }

    private static Wire.TemporaryExposureKeyExport ToWire(KeyExport e)
    {
        var m = new Wire.TemporaryExposureKeyExport
        {
            StartTimestamp = e.StartUnixSeconds,
            EndTimestamp = e.EndUnixSeconds,
            Region = e.Region,
            BatchNum = e.BatchNum,
            BatchSize = e.BatchSize,
        };
        foreach (var info in e.SignatureInfos)
        {
            m.SignatureInfos.Add(new Wire.SignatureInfo
            {
                VerificationKeyVersion = info.KeyVersion,
                VerificationKeyId = info.KeyId,
                SignatureAlgorithm = info.AlgorithmOid,
            });
        }
        m.Keys.AddRange(e.Keys.Select(ToWire));
        m.RevisedKeys.AddRange(e.RevisedKeys.Select(ToWire));
        return m;
    }

    private static Wire.TemporaryExposureKey ToWire(DiagnosisKey k)
    {
        var w = new Wire.TemporaryExposureKey
        {
            KeyData = ByteString.CopyFrom(k.KeyData.ToArray()),
            RollingStartIntervalNumber = k.RollingStartIntervalNumber,
            RollingPeriod = k.RollingPeriod,
#pragma warning disable CS0612 // see ToDomain
            TransmissionRiskLevel = k.TransmissionRiskLevel,
#pragma warning restore CS0612
        };
        if (k.ReportType != ReportType.Unknown)
        {
            w.ReportType = (Wire.TemporaryExposureKey.Types.ReportType)(int)k.ReportType;
        }
        if (k.DaysSinceOnsetOfSymptoms is { } days)
        {
            w.DaysSinceOnsetOfSymptoms = days;
        }
        return w;
    }

    private static int FirstDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var i = 0;
        while (i < a.Length && a[i] == b[i])
        {
            i++;
        }
        return i;
    }
}
