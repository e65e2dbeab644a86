namespace Care.Cardio.Wfdb;

/// <summary>
/// Decodes WFDB signal files in format 212 (two 12-bit samples packed in three bytes) and
/// format 16 (16-bit little-endian), interleaved frame by frame, into one array per signal.
/// </summary>
public static class WfdbSignalDecoder
{
    /// <summary>The storage formats this decoder reads.</summary>
    public static IReadOnlyList<int> SupportedFormats { get; } = [212, 16];

    /// <summary>
    /// Decodes the signals stored in one file. <paramref name="signals"/> are the header's signal
    /// lines that name this file, in header order; <paramref name="samplesPerSignal"/> is the header's
    /// count or null to take it from the file length. Checks the file length, the initial values and
    /// the checksums against the header.
    /// </summary>
    /// <exception cref="Care.Core.Errors.InvalidInputException">The file is truncated, longer than the
    /// header says, in an unsupported format, or disagrees with the header's initial value or checksum.</exception>
    public static short[][] Decode(ReadOnlySpan<byte> file, string fileName, IReadOnlyList<WfdbSignalInfo> signals, long? samplesPerSignal)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentOutOfRangeException.ThrowIfZero(signals.Count);
        var format = signals[0].Format;
        var byteOffset = signals[0].ByteOffset;
        foreach (var s in signals)
        {
            if (s.Format != format || s.ByteOffset != byteOffset)
            {
                throw WfdbError.At(fileName, 0, "signals stored in one file must share one format and byte offset");
            }
        }
        if (format != 212 && format != 16)
        {
            throw WfdbError.At(fileName, byteOffset, $"format {format} is not supported (supported: 212, 16)");
        }
        if (byteOffset > file.Length)
        {
            throw WfdbError.At(fileName, file.Length, $"truncated: the header says samples start at byte {byteOffset}");
        }
        var data = file[(int)byteOffset..];
        var n = signals.Count;
        var bitsPerSample = format == 212 ? 12 : 16;
        var availableSamples = data.Length * 8L / bitsPerSample;
        long frames;
        if (samplesPerSignal is { } stated)
        {
            frames = stated;
            if (stated > availableSamples / n)
            {
                // Compared by division: stated * n overflows for counts near long.MaxValue.
                throw WfdbError.At(fileName, file.Length,
                    $"truncated: the header announces {stated} samples per signal but the {data.Length} bytes after byte {byteOffset} hold at most {availableSamples / n}");
            }
            var needBytes = BytesFor(stated * n, format);
            if (data.Length < needBytes)
            {
                throw WfdbError.At(fileName, file.Length,
                    $"truncated: the header announces {stated} samples per signal ({needBytes} bytes after byte {byteOffset}) but the file holds {data.Length}");
            }
            if (data.Length - needBytes >= BytesFor(n, format) + 3)
            {
                throw WfdbError.At(fileName, byteOffset + needBytes,
                    $"the file goes on for {data.Length - needBytes} bytes past the {stated} samples per signal that the header announces");
            }
        }
        else
        {
            frames = availableSamples / n;
            if (availableSamples % n != 0 && format == 16)
            {
                throw WfdbError.At(fileName, file.Length, "truncated: the file ends inside a frame");
            }
        }
        if (frames > int.MaxValue)
        {
            throw WfdbError.At(fileName, byteOffset, $"{frames} samples per signal is more than this reader holds in memory");
        }
        var result = new short[n][];
        for (var i = 0; i < n; i++)
        {
            result[i] = new short[frames];
        }
        if (format == 212)
        {
            Decode212(data, result, (int)frames);
        }
        else
        {
            Decode16(data, result, (int)frames);
        }
        Verify(fileName, byteOffset, format, signals, result);
        return result;
    }

    /// <summary>
    /// Decodes one signal of a two-signal format-212 file straight into physical units, without
    /// intermediate arrays: <c>destination[i] = (adc − baseline) / gain</c> for as many frames as
    /// both <paramref name="data"/> and <paramref name="destination"/> hold. Returns the frames written.
    /// For streaming playback and benchmarks; <see cref="Decode"/> is the checked path.
    /// </summary>
    public static int DecodeTwoSignal212(ReadOnlySpan<byte> data, int signal, double baseline, double gain, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(signal);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gain);
        var frames = Math.Min(data.Length / 3, destination.Length);
        var scale = (float)(1 / gain);
        var offset = (float)baseline;
        var p = signal == 0 ? 0 : 2;
        for (var f = 0; f < frames; f++, p += 3)
        {
            int b1 = data[3 * f + 1];
            var v = signal == 0 ? ((b1 & 0x0F) << 8) | data[p] : ((b1 & 0xF0) << 4) | data[p];
            destination[f] = ((v << 20 >> 20) - offset) * scale;
        }
        return frames;
    }

    private static long BytesFor(long samples, int format) => format == 212 ? (samples * 3 + 1) / 2 : samples * 2;

    private static void Decode212(ReadOnlySpan<byte> data, short[][] result, int frames)
    {
        var n = result.Length;
        long total = (long)frames * n;
        long k = 0;
        var p = 0;
        if (n == 2)
        {
            // The common case (MIT-BIH): one three-byte group per frame.
            var a = result[0];
            var b = result[1];
            for (var f = 0; f < frames; f++, p += 3)
            {
                int b0 = data[p], b1 = data[p + 1], b2 = data[p + 2];
                a[f] = (short)((((b1 & 0x0F) << 8) | b0) << 20 >> 20);
                b[f] = (short)((((b1 & 0xF0) << 4) | b2) << 20 >> 20);
            }
            return;
        }
        while (k < total)
        {
            int b0 = data[p], b1 = data[p + 1];
            Store(result, k++, ((((b1 & 0x0F) << 8) | b0) << 20) >> 20);
            if (k < total)
            {
                int b2 = data[p + 2];
                Store(result, k++, ((((b1 & 0xF0) << 4) | b2) << 20) >> 20);
            }
            p += 3;
        }
    }

    private static void Decode16(ReadOnlySpan<byte> data, short[][] result, int frames)
    {
        var n = result.Length;
        var p = 0;
        for (var f = 0; f < frames; f++)
        {
            for (var s = 0; s < n; s++, p += 2)
            {
                result[s][f] = (short)(data[p] | (data[p + 1] << 8));
            }
        }
    }

    private static void Store(short[][] result, long k, int value)
    {
        var n = result.Length;
        result[(int)(k % n)][(int)(k / n)] = (short)value;
    }

    private static void Verify(string fileName, long byteOffset, int format, IReadOnlyList<WfdbSignalInfo> signals, short[][] result)
    {
        for (var s = 0; s < signals.Count; s++)
        {
            var info = signals[s];
            var samples = result[s];
            if (info.InitialValue is { } initial && samples.Length > 0 && samples[0] != initial)
            {
                throw WfdbError.At(fileName, byteOffset + SampleByte(s, format),
                    $"signal {s} ({info.Description}) starts at {samples[0]} but the header says {initial}: header and signal file disagree");
            }
            if (info.Checksum is { } checksum)
            {
                short sum = 0;
                foreach (var v in samples)
                {
                    sum = unchecked((short)(sum + v));
                }
                if (sum != unchecked((short)checksum))
                {
                    throw WfdbError.At(fileName, byteOffset,
                        $"signal {s} ({info.Description}) sums to checksum {sum} but the header says {checksum}: header and signal file disagree (corrupt or wrong file)");
                }
            }
        }
    }

    private static long SampleByte(int sampleIndex, int format) => format == 212 ? sampleIndex * 3 / 2 : sampleIndex * 2;
}
