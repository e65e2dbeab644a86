using System.Buffers.Binary;
using Care.Core.Errors;
using Care.Core.Strips;

namespace Care.Core.Tests.Strips;

public sealed class EcgStripCodecTests
{
    // 20 s at 250 Hz of an ECG-like signal: 1 mV spikes every 0.8 s on a wandering baseline, with
    // noise of a few µV, and the beats marked.
    private static EcgStrip Synthetic(int seed, int rate = 250, int seconds = 20)
    {
        var random = new Random(seed);
        var x = new int[rate * seconds];
        var beats = new List<StripBeat>();
        for (var i = 0; i < x.Length; i++)
        {
            var t = i / (double)rate;
            var phase = t % 0.8;
            var qrs = Math.Exp(-Math.Pow((phase - 0.4) / 0.012, 2)) * 1000;
            x[i] = (int)Math.Round(qrs + 150 * Math.Sin(2 * Math.PI * 0.3 * t) + random.Next(-8, 9));
            if (Math.Abs(phase - 0.4) < 0.5 / rate)
            {
                beats.Add(new StripBeat(i, beats.Count % 7 == 3 ? 'V' : 'N'));
            }
        }
        return new EcgStrip(rate, 123_456, x, beats);
    }

    private static void Rejected(byte[] data, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => EcgStripCodec.Decode(data, "s.ces"));
        Assert.Contains("s.ces @ byte", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 125)]
    [InlineData(2, 250)]
    [InlineData(3, 1000)]
    public void Given_an_ecg_strip_When_encoded_and_decoded_Then_every_sample_and_beat_comes_back(int seed, int rate)
    {
        var strip = Synthetic(seed, rate);
        var bytes = EcgStripCodec.Encode(strip);
        Assert.True(strip.SameAs(EcgStripCodec.Decode(bytes)));
        // Lossless and smaller than 16-bit samples: the noise of ±8 µV needs about 5 bits a sample.
        Assert.InRange(bytes.Length, 1, strip.Microvolts.Count * 2 * 3 / 4);
    }

    [Fact]
    public void Given_extreme_and_empty_strips_When_round_tripped_Then_they_are_unchanged()
    {
        var max = EcgStripCodec.MaxMicrovolts;
        EcgStrip[] strips =
        [
            new(500, 0, [], []),
            new(500, 0, [7], [new StripBeat(0, 'Q')]),
            new(500, long.MaxValue, [max, -max, max, -max, 0, max, 1, -1], [new StripBeat(1, 'F'), new StripBeat(7, 'S')]),
        ];
        foreach (var s in strips)
        {
            Assert.True(s.SameAs(EcgStripCodec.Decode(EcgStripCodec.Encode(s))));
        }
    }

    [Fact]
    public void Given_a_strip_When_any_single_byte_is_altered_Then_decoding_rejects_it()
    {
        var bytes = EcgStripCodec.Encode(Synthetic(4, 125, 4));
        for (var i = 0; i < bytes.Length; i++)
        {
            var bad = (byte[])bytes.Clone();
            bad[i] ^= (byte)(1 << (i % 8));
            Assert.Throws<InvalidInputException>(() => EcgStripCodec.Decode(bad));
        }
    }

    [Fact]
    public void Given_a_strip_When_truncated_anywhere_or_extended_Then_decoding_names_the_problem()
    {
        var bytes = EcgStripCodec.Encode(Synthetic(5, 125, 4));
        for (var n = 0; n < bytes.Length; n++)
        {
            Assert.Throws<InvalidInputException>(() => EcgStripCodec.Decode(bytes.AsSpan(0, n)));
        }
        Rejected([.. bytes, 0], "1 unexpected bytes after the samples");
        Rejected(bytes[..10], "truncated");
    }

    [Fact]
    public void Given_bad_header_fields_When_decoded_Then_each_is_named_at_its_offset()
    {
        var bytes = EcgStripCodec.Encode(Synthetic(6, 125, 4));
        var magic = (byte[])bytes.Clone();
        magic[0] = (byte)'X';
        Rejected(magic, "CES1");
        var rate = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(rate.AsSpan(4), 50);
        Rejected(rate, "@ byte 4: sampling rate 50 Hz");
        var huge = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(6), 10_000_000);
        Rejected(huge, "@ byte 6: 10000000 samples exceed");
        var beats = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(beats.AsSpan(18), 60_000);
        Rejected(beats, "@ byte 18");
        var step = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(step.AsSpan(20), 0);
        Rejected(step, "@ byte 20: sample step of 0");
    }

    [Fact]
    public void Given_samples_on_a_common_step_When_encoded_Then_the_step_costs_no_bits_and_comes_back()
    {
        // The same strip in 5 µV steps (an MIT-BIH ADC unit) and in 1 µV steps.
        var fine = Synthetic(8);
        var coarse = fine with { Microvolts = [.. fine.Microvolts.Select(v => 5 * v)] };
        var coarseBytes = EcgStripCodec.Encode(coarse);
        Assert.True(coarse.SameAs(EcgStripCodec.Decode(coarseBytes)));
        Assert.Equal(EcgStripCodec.Encode(fine).Length, coarseBytes.Length);
        Assert.Equal(5, BinaryPrimitives.ReadUInt16LittleEndian(coarseBytes.AsSpan(20)));
    }

    [Fact]
    public void Given_a_duplicated_beat_or_an_unknown_class_When_decoded_Then_it_is_rejected()
    {
        // Header, then two beats: offset 5 (N) and a zero delta (a duplicate), no samples needed for
        // the error; the CRC is never reached.
        var strip = new EcgStrip(125, 0, new int[10], [new StripBeat(5, 'N'), new StripBeat(6, 'V')]);
        var bytes = EcgStripCodec.Encode(strip);
        var duplicate = (byte[])bytes.Clone();
        duplicate[24] = 0; // second beat's delta
        Rejected(duplicate, "@ byte 24: beat 1 repeats");
        var unknown = (byte[])bytes.Clone();
        unknown[23] = (byte)'X';
        Rejected(unknown, "@ byte 23: beat 0 has unknown class");
    }

    [Fact]
    public void Given_an_invalid_strip_When_encoded_Then_it_throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => EcgStripCodec.Encode(new EcgStrip(100, 0, [], [])));
        Assert.ThrowsAny<ArgumentException>(() => EcgStripCodec.Encode(new EcgStrip(250, 0, [EcgStripCodec.MaxMicrovolts + 1], [])));
        Assert.ThrowsAny<ArgumentException>(() => EcgStripCodec.Encode(new EcgStrip(250, 0, [0, 0], [new StripBeat(1, 'N'), new StripBeat(1, 'N')])));
        Assert.ThrowsAny<ArgumentException>(() => EcgStripCodec.Encode(new EcgStrip(250, 0, [0, 0], [new StripBeat(0, 'x')])));
        Assert.ThrowsAny<ArgumentException>(() => EcgStripCodec.Encode(new EcgStrip(250, 0, new int[EcgStripCodec.MaxSamples + 1], [])));
    }
}
