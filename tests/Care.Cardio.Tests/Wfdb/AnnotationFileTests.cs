using Care.Cardio.Wfdb;
using Care.Core.Errors;

namespace Care.Cardio.Tests.Wfdb;

public sealed class AnnotationFileTests
{
    private static readonly Annotation[] Sample =
    [
        new(0, AnnotationCodes.Rhythm, Aux: "(N"),
        new(10, AnnotationCodes.Normal),
        new(10, AnnotationCodes.Note, Aux: "odd"),
        new(1033, AnnotationCodes.Pvc, Channel: 1),
        new(5_000_000, AnnotationCodes.Normal, Channel: 1, Number: -3),
        new(5_000_001, AnnotationCodes.Noise, SubType: -1, Channel: 1, Number: 7),
        new(5_000_900, AnnotationCodes.Normal, Number: 7),
    ];

    [Fact]
    public void Every_field_round_trips_through_write_and_read()
    {
        var bytes = AnnotationFile.Write(Sample);
        var back = AnnotationFile.Read(bytes, "x.atr");
        Assert.Equal(Sample, back);
    }

    [Fact]
    public void Skip_is_used_for_long_gaps_and_pdp11_word_order_is_kept()
    {
        var bytes = AnnotationFile.Write([new Annotation(70_000, AnnotationCodes.Normal)]);
        // SKIP word, interval 70000 = 0x00011170 as high word 0x0001 then low word 0x1170, then N with step 0.
        Assert.Equal(new byte[] { 0x00, 0xEC, 0x01, 0x00, 0x70, 0x11, 0x00, 0x04, 0x00, 0x00 }, bytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0x04 }, "x.atr @ byte 2", "end-of-file marker")]
    [InlineData(new byte[] { 0x05, 0x04, 0x00 }, "x.atr @ byte 2", "inside a 16-bit word")]
    [InlineData(new byte[] { 0x05, 0xD4, 0x00, 0x00 }, "x.atr @ byte 0", "code 53 is undefined")]
    [InlineData(new byte[] { 0x05, 0x04, 0x09, 0xFC, 0x41, 0x42, 0x00, 0x00 }, "x.atr @ byte 2", "AUX announces 9 bytes")]
    [InlineData(new byte[] { 0x01, 0xF8, 0x00, 0x00 }, "x.atr @ byte 0", "before any annotation")]
    [InlineData(new byte[] { 0x00, 0xEC, 0x01, 0x00 }, "x.atr @ byte 0", "SKIP needs 4 more bytes")]
    [InlineData(new byte[] { 0x00, 0xEC, 0xFF, 0xFF, 0x00, 0x00, 0x05, 0x04, 0x00, 0x00 }, "x.atr @ byte 0", "before the start")]
    public void Corrupt_annotation_files_are_rejected_with_file_and_byte_offset(byte[] content, string where, string what)
    {
        var e = Assert.Throws<InvalidInputException>(() => AnnotationFile.Read(content, "x.atr"));
        Assert.Contains(where, e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_with_only_the_end_marker_has_no_annotations() =>
        Assert.Empty(AnnotationFile.Read(new byte[] { 0, 0 }, "x.atr"));

    [Fact]
    public void Out_of_order_annotations_are_refused_by_the_writer() =>
        Assert.Throws<ArgumentException>(() => AnnotationFile.Write([new Annotation(5, 1), new Annotation(4, 1)]));
}
