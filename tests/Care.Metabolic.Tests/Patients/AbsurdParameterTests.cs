using Care.Core.Errors;
using Care.Metabolic.Patients;

namespace Care.Metabolic.Tests.Patients;

/// <summary>Issue 11 item 7: absurd virtual-patient parameters are refused with file, line and column.</summary>
public sealed class AbsurdParameterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-params-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("vpatient_params.csv", "adult#003", "BW", "-1e300")]
    [InlineData("vpatient_params.csv", "child#010", "kabs", "0")]
    [InlineData("vpatient_params.csv", "adolescent#001", "x0_ 4", "-5")]
    [InlineData("vpatient_params.csv", "adult#001", "Vg", "1e6")]
    [InlineData("Quest.csv", "adult#002", "CR", "-1e300")]
    [InlineData("Quest.csv", "child#001", "Age", "900")]
    public void Given_an_absurd_parameter_When_the_cohort_loads_Then_its_file_line_and_column_are_named(string file, string patient, string column, string value)
    {
        var line = CopyWithCell(file, patient, column, value);

        var e = Assert.Throws<InvalidInputException>(() => VirtualCohort.Load(_folder));

        Assert.Equal($"{Path.Combine(_folder, file)} line {line} column '{column}'", e.Errors[0].Where);
        Assert.Contains($"{value} ", e.Errors[0].Problem, StringComparison.Ordinal);
        Assert.Contains("outside the plausible range", e.Errors[0].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_published_files_When_the_cohort_loads_Then_all_30_patients_are_within_range()
    {
        _ = TestCohort.Folder;
        CopyWithCell("Quest.csv", "adult#001", "CR", null);

        Assert.Equal(30, VirtualCohort.Load(_folder).Patients.Count);
    }

    /// <summary>Copies both files into the temp folder, setting one cell; returns its 1-based line.</summary>
    private int CopyWithCell(string file, string patient, string column, string? value)
    {
        foreach (var name in new[] { "vpatient_params.csv", "Quest.csv" })
        {
            File.Copy(Path.Combine(TestCohort.Folder, name), Path.Combine(_folder, name));
        }
        var path = Path.Combine(_folder, file);
        var lines = File.ReadAllLines(path);
        var index = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(index >= 0, column);
        var row = Array.FindIndex(lines, l => l.StartsWith(patient + ",", StringComparison.Ordinal));
        Assert.True(row > 0, patient);
        if (value is not null)
        {
            var cells = lines[row].Split(',');
            cells[index] = value;
            lines[row] = string.Join(',', cells);
            File.WriteAllLines(path, lines);
        }
        return row + 1;
    }
}
