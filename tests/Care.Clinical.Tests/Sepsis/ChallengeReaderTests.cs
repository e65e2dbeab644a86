using Care.Clinical.Challenge2019;
using Care.Core.Errors;
using Care.Testing;

namespace Care.Clinical.Tests.Sepsis;

public sealed class ChallengeReaderTests
{
    private static readonly string Header = string.Join('|', ChallengeColumns.Names);

    internal static string Row(int label, double hr = 80, string? replaceField = null, int fields = 41)
    {
        var f = Enumerable.Repeat("NaN", fields).ToArray();
        f[0] = hr.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (fields >= 41)
        {
            f[34] = "65";
            f[39] = "1";
            f[40] = label.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (replaceField is not null)
        {
            f[5] = replaceField;
        }
        return string.Join('|', f);
    }

    private static PatientRecord ParseText(string text) => ChallengeReader.Parse("p999999.psv", new StringReader(text));

    private static InvalidInputException Rejects(string text) => Assert.Throws<InvalidInputException>(() => ParseText(text));

    [Fact]
    public void Well_formed_file_gives_rows_labels_and_missing_values()
    {
        var record = ParseText($"{Header}\n{Row(0, 90)}\n{Row(0, 95)}\n{Row(1, 120)}\n");
        Assert.Equal("p999999", record.Id);
        Assert.Equal(3, record.Hours);
        Assert.Equal(2, record.FirstPositiveHour);
        Assert.True(record.IsSeptic);
        Assert.Equal(120f, record.Row(2)[ChallengeColumns.HR]);
        Assert.True(float.IsNaN(record.Row(0)[ChallengeColumns.Temp]));
        Assert.Equal(65f, record.Row(1)[ChallengeColumns.Age]);
    }

    [Fact]
    public void Row_with_too_few_fields_is_rejected_naming_file_and_line()
    {
        var e = Rejects($"{Header}\n{Row(0)}\n{Row(0, fields: 40)}\n");
        Assert.Contains("p999999.psv line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("40 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_with_too_many_fields_is_rejected_naming_its_line()
    {
        var e = Rejects($"{Header}\n{Row(0)}|0\n");
        Assert.Contains("p999999.psv line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_value_is_rejected_naming_line_and_column()
    {
        var e = Rejects($"{Header}\n{Row(0)}\n{Row(0)}\n{Row(0, replaceField: "12,5")}\n");
        Assert.Contains("p999999.psv line 4 column 6 (DBP)", e.Message, StringComparison.Ordinal);
        Assert.Contains("'12,5'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Infinity")]
    [InlineData("nan")]
    public void Empty_infinite_or_misspelled_missing_values_are_rejected(string field)
    {
        var e = Rejects($"{Header}\n{Row(0, replaceField: field)}\n");
        Assert.Contains("line 2 column 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_header_column_is_named()
    {
        var e = Rejects($"{Header.Replace("|Resp|", "|RR|", StringComparison.Ordinal)}\n{Row(0)}\n");
        Assert.Contains("line 1 column 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Resp'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0.5")]
    public void Label_other_than_0_or_1_is_rejected(string label)
    {
        var row = Row(0)[..^1] + label;
        var e = Rejects($"{Header}\n{row}\n");
        Assert.Contains("line 2 column 41 (SepsisLabel)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_going_back_from_1_to_0_is_rejected()
    {
        var e = Rejects($"{Header}\n{Row(1)}\n{Row(0)}\n");
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_and_header_only_file_are_rejected()
    {
        Assert.Contains("line 1", Rejects("").Message, StringComparison.Ordinal);
        Assert.Contains("no data rows", Rejects(Header + "\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_line_inside_the_data_is_rejected()
    {
        var e = Rejects($"{Header}\n{Row(0)}\n\n{Row(0)}\n");
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_is_reported_as_bad_input()
    {
        Assert.Throws<InvalidInputException>(() => ChallengeReader.ReadAll("/nonexistent/sepsis.tar.gz"));
    }

    [Fact]
    public void Set_A_tarball_is_read_directly_with_known_records()
    {
        var folder = SharedData.RequireFolder("sepsis2019");
        var records = ChallengeReader.ReadAll(Path.Combine(folder, "training_setA.tar.gz"), maxPatients: 11);
        Assert.Equal(11, records.Count);
        Assert.Equal("p000001", records[0].Id);
        Assert.Equal(54, records[0].Hours);
        Assert.False(records[0].IsSeptic);
        Assert.Equal("p000009", records[8].Id);
        Assert.Equal(258, records[8].Hours);
        Assert.Equal(248, records[8].FirstPositiveHour);
        Assert.Equal(24, records[10].FirstPositiveHour);
        Assert.Equal(83.14f, records[0].Row(0)[ChallengeColumns.Age]);
    }
}
