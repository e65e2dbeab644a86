using Care.Cardio.Wfdb;
using Care.Core.Errors;
using Care.Testing;

namespace Care.Cardio.Tests.Wfdb;

public sealed class WfdbRecordTests
{
    [Fact]
    public void Record_100_header_and_signals_read_as_published()
    {
        var db = SharedData.RequireFolder("mitdb");
        var rec = WfdbRecord.Read(Path.Combine(db, "100"));
        Assert.Equal("100", rec.Header.RecordName);
        Assert.Equal(360, rec.Header.SamplingFrequencyHz);
        Assert.Equal(650000, rec.Length);
        Assert.Equal(2, rec.Header.SignalCount);
        Assert.Equal("MLII", rec.Header.Signals[0].Description);
        Assert.Equal(200, rec.Header.Signals[0].Gain);
        Assert.Equal(1024, rec.Header.Signals[0].AdcZero);
        Assert.Equal(11, rec.Header.Signals[0].AdcResolution);
        // The header's initial values (995, 1011); the checksums were verified while reading.
        Assert.Equal(995, rec.Samples(0)[0]);
        Assert.Equal(1011, rec.Samples(1)[0]);
        Assert.Equal((995 - 1024) / 200f, rec.Physical(0)[0], 6);
    }

    [Fact]
    public void Record_100_reference_annotations_count_2273_beats()
    {
        var db = SharedData.RequireFolder("mitdb");
        var annotations = WfdbRecord.ReadAnnotations(Path.Combine(db, "100"));
        // MIT-BIH Arrhythmia Database Directory: record 100 has 2273 beats (2239 N, 33 A, 1 V).
        Assert.Equal(2273, annotations.Count(a => a.IsBeat));
        Assert.Equal(2239, annotations.Count(a => a.Mnemonic == "N"));
        Assert.Equal("(N", annotations[0].Aux);
        Assert.True(annotations.Zip(annotations.Skip(1)).All(p => p.First.Sample <= p.Second.Sample));
    }

    [Theory]
    [InlineData(212, 1, 1001)]
    [InlineData(212, 2, 1000)]
    [InlineData(212, 3, 777)]
    [InlineData(16, 1, 500)]
    [InlineData(16, 3, 500)]
    public void Synthetic_records_round_trip_in_both_formats(int format, int signals, int length)
    {
        using var folder = new TempFolder();
        var data = SyntheticRecord.Signals(signals, length, seed: format + signals);
        var path = SyntheticRecord.Write(folder, "syn", format, data);
        var rec = WfdbRecord.Read(path);
        Assert.Equal(length, rec.Length);
        for (var s = 0; s < signals; s++)
        {
            Assert.Equal(data[s], rec.Samples(s).ToArray());
            Assert.Equal(5, rec.Header.Signals[s].Baseline);
            Assert.Equal(100, rec.Header.Signals[s].Gain);
        }
    }

    [Fact]
    public void Streaming_212_decoder_matches_the_checked_reader()
    {
        using var folder = new TempFolder();
        var data = SyntheticRecord.Signals(2, 1000, seed: 11);
        var path = SyntheticRecord.Write(folder, "s", 212, data);
        var rec = WfdbRecord.Read(path);
        var bytes = File.ReadAllBytes(path + ".dat");
        for (var signal = 0; signal < 2; signal++)
        {
            var fast = new float[1000];
            Assert.Equal(1000, WfdbSignalDecoder.DecodeTwoSignal212(bytes, signal, 5, 100, fast));
            Assert.Equal(rec.Physical(signal), fast);
        }
    }

    [Fact]
    public void Crlf_and_lf_headers_read_the_same()
    {
        using var folder = new TempFolder();
        var data = SyntheticRecord.Signals(2, 100, seed: 7);
        var lf = WfdbRecord.Read(SyntheticRecord.Write(folder, "lf", 212, data, "\n"));
        var crlf = WfdbRecord.Read(SyntheticRecord.Write(folder, "crlf", 212, data, "\r\n"));
        Assert.Equal(lf.Header.Signals[1] with { FileName = "x" }, crlf.Header.Signals[1] with { FileName = "x" });
        Assert.Equal(lf.Header.Comments, crlf.Header.Comments);
    }

    [Fact]
    public void Truncated_signal_file_is_rejected_with_file_and_byte_offset()
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "t", 212, SyntheticRecord.Signals(2, 100, 1));
        var dat = path + ".dat";
        File.WriteAllBytes(dat, File.ReadAllBytes(dat)[..200]);
        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(path));
        Assert.Contains("t.dat @ byte 200", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_that_disagrees_with_the_signal_file_is_rejected()
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "d", 16, SyntheticRecord.Signals(1, 100, 2));
        var dat = File.ReadAllBytes(path + ".dat");
        dat[51] ^= 0x01; // sample 25 changes; the header's checksum no longer holds
        File.WriteAllBytes(path + ".dat", dat);
        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(path));
        Assert.Contains("d.dat @ byte 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signal_file_longer_than_the_header_says_is_rejected()
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "l", 16, SyntheticRecord.Signals(1, 100, 3));
        File.AppendAllText(path + ".dat", new string('x', 64));
        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(path));
        Assert.Contains("l.dat @ byte 200", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("310", "format 310 is not supported")]
    [InlineData("80", "format 80 is not supported")]
    [InlineData("2x12", "multiple samples per frame")]
    public void Unknown_formats_are_rejected_by_name(string format, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("u.hea"), $"u 1 360 10\nu.dat {format} 200 12 0\n");
        File.WriteAllBytes(folder.File("u.dat"), new byte[40]);
        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(folder.File("u")));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(" @ byte ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "u.hea @ byte 0")]
    [InlineData("u\n", "number of signals")]
    [InlineData("u 2 360 10\nu.dat 16\n", "only 1 signal lines")]
    [InlineData("u 1 abc 10\nu.dat 16\n", "sampling frequency 'abc'")]
    [InlineData("u 1 360 10\nu.dat 16 200 12 0 x\n", "u.hea @ byte 11")]
    [InlineData("u/2 1 360 10\n", "multi-segment")]
    public void Malformed_headers_are_rejected_with_the_place(string header, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("u.hea"), header);
        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(folder.File("u")));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_signal_file_is_named()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("m.hea"), "m 1 360 10\nm.dat 16\n");
        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(folder.File("m")));
        Assert.Contains("m.dat @ byte 0: file not found", e.Message, StringComparison.Ordinal);
    }
}
