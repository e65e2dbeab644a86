using System.Text;

namespace Care.Cardio.Tests.Wfdb;

/// <summary>Writes small WFDB records in formats 212 and 16 with correct checksums, for tests.</summary>
internal static class SyntheticRecord
{
    public static short[][] Signals(int n, int length, int seed)
    {
        var random = new Random(seed);
        var result = new short[n][];
        for (var s = 0; s < n; s++)
        {
            result[s] = new short[length];
            for (var i = 0; i < length; i++)
            {
                result[s][i] = (short)random.Next(-2048, 2048);
            }
        }
        return result;
    }

    public static string Write(TempFolder folder, string name, int format, short[][] signals, string lineEnd = "\n")
    {
        var n = signals.Length;
        var length = signals[0].Length;
        var header = new StringBuilder();
        header.Append($"{name} {n} 250 {length}{lineEnd}");
        for (var s = 0; s < n; s++)
        {
            short sum = 0;
            foreach (var v in signals[s])
            {
                sum = unchecked((short)(sum + v));
            }
            header.Append($"{name}.dat {format} 100(5)/mV 12 0 {signals[s][0]} {sum} 0 lead{s}{lineEnd}");
        }
        header.Append($"# synthetic{lineEnd}");
        File.WriteAllText(folder.File(name + ".hea"), header.ToString());
        File.WriteAllBytes(folder.File(name + ".dat"), Encode(format, signals));
        return folder.File(name);
    }

    public static byte[] Encode(int format, short[][] signals)
    {
        var n = signals.Length;
        var length = signals[0].Length;
        var values = new List<int>(n * length);
        for (var i = 0; i < length; i++)
        {
            for (var s = 0; s < n; s++)
            {
                values.Add(signals[s][i]);
            }
        }
        var bytes = new List<byte>();
        if (format == 16)
        {
            foreach (var v in values)
            {
                bytes.Add((byte)v);
                bytes.Add((byte)(v >> 8));
            }
            return [.. bytes];
        }
        for (var k = 0; k < values.Count; k += 2)
        {
            var a = values[k] & 0xFFF;
            var b = k + 1 < values.Count ? values[k + 1] & 0xFFF : 0;
            bytes.Add((byte)a);
            bytes.Add((byte)(((a >> 8) & 0x0F) | ((b >> 4) & 0xF0)));
            if (k + 1 < values.Count)
            {
                bytes.Add((byte)b);
            }
        }
        return [.. bytes];
    }
}
