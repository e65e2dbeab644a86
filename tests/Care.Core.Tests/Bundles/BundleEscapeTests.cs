using Care.Core.Bundles;
using Care.Core.Errors;

namespace Care.Core.Tests.Bundles;

/// <summary>Found by fuzzing (issue 11 item 7): valid UTF-8 whose escapes are not valid text.</summary>
public sealed class BundleEscapeTests
{
    [Theory]
    [InlineData("\"wearerId\":\"W-1\"", "\"wearerId\":\"\\ud800\"")]
    [InlineData("\"unit\":\"/min\"", "\"unit\":\"\\udc00x\"")]
    [InlineData("\"version\":1", "\"version\":1,\"\\ud83d\":1")]
    public void Given_a_lone_surrogate_escape_When_read_Then_it_is_refused_as_input_with_its_byte_offset(string field, string replacement)
    {
        var json = BundleText.Valid().Replace(field, replacement, StringComparison.Ordinal);

        var e = Assert.Throws<InvalidInputException>(() => BundleReader.Read(BundleText.Bytes(json), BundleText.Now));

        Assert.Matches(@"^\$ \(byte \d+\)$", e.Errors[0].Where);
        Assert.Contains("lone UTF-16 surrogate", e.Errors[0].Problem, StringComparison.Ordinal);
    }
}
