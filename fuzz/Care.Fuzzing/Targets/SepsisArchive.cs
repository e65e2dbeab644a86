using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Care.Clinical.Challenge2019;

namespace Care.Fuzzing.Targets;

/// <summary>Builds small Challenge 2019 archives for the sepsis targets' seeds.</summary>
internal static class SepsisArchive
{
    public static byte[] Tar(int patients, int hours)
    {
        using var output = new MemoryStream();
        using (var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            for (var p = 0; p < patients; p++)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, $"training/p{p:D6}.psv")
                {
                    DataStream = new MemoryStream(Psv(p, hours)),
                };
                tar.WriteEntry(entry);
            }
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "training/"));
        }
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    public static byte[] Psv(int patient, int hours)
    {
        var text = new StringBuilder(string.Join('|', ChallengeColumns.Names)).Append('\n');
        for (var h = 0; h < hours; h++)
        {
            var fields = Enumerable.Repeat("NaN", ChallengeColumns.Names.Count).ToArray();
            fields[0] = (70 + (patient * 7 + h * 13) % 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[3] = "36.8";
            fields[34] = "65.5";
            fields[39] = (h + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[40] = h >= hours - 2 && patient % 2 == 0 ? "1" : "0";
            text.Append(string.Join('|', fields)).Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
