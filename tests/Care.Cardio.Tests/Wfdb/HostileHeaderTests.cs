using Care.Cardio.Wfdb;
using Care.Core.Errors;

namespace Care.Cardio.Tests.Wfdb;

/// <summary>Headers written by an attacker or a broken tool (issue 11 item 7).</summary>
public sealed class HostileHeaderTests
{
    [Theory]
    [InlineData(212)]
    [InlineData(16)]
    public void Given_a_sample_count_of_long_max_When_read_Then_truncation_is_reported_at_a_real_offset(int format)
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "big", format, SyntheticRecord.Signals(2, 300, 3));
        var header = File.ReadAllText(path + ".hea").Replace("big 2 250 300", $"big 2 250 {long.MaxValue}", StringComparison.Ordinal);
        File.WriteAllText(path + ".hea", header);
        var datLength = new FileInfo(path + ".dat").Length;

        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(path));

        Assert.Contains($"big.dat @ byte {datLength}: truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("byte -", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.dat")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/inner.dat")]
    [InlineData("..")]
    public void Given_a_signal_file_outside_the_record_folder_When_read_Then_the_header_line_is_refused(string signalFile)
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "esc", 212, SyntheticRecord.Signals(2, 300, 4));
        var header = File.ReadAllText(path + ".hea");
        var secondLine = header.IndexOf('\n', StringComparison.Ordinal) + 1;
        File.WriteAllText(path + ".hea", header.Replace("esc.dat 212", signalFile + " 212", StringComparison.Ordinal));

        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(path));

        Assert.StartsWith($"{path}.hea @ byte {secondLine}: signal file '{signalFile}' must be a file name in the record's folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_signal_file_that_is_a_folder_When_read_Then_it_is_named_as_a_folder()
    {
        using var folder = new TempFolder();
        var path = SyntheticRecord.Write(folder, "dir", 212, SyntheticRecord.Signals(2, 300, 5));
        File.Delete(path + ".dat");
        Directory.CreateDirectory(path + ".dat");

        var e = Assert.Throws<InvalidInputException>(() => WfdbRecord.Read(path));

        Assert.Equal($"{path}.dat @ byte 0: is a folder, not a file", e.Message);
    }
}
