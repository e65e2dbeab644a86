using System.Text.Json;
using Care.Testing;

namespace Care.Trust.Tests.Identity;

/// <summary>Reads one NIST ACVP internal-projection file from ../shared/data/pqc.</summary>
internal static class AcvpFile
{
    public static IEnumerable<(JsonElement Group, JsonElement Test)> Cases(string name, string parameterSet)
    {
        var path = Path.Combine(SharedData.RequireFolder("pqc"), name + ".internalProjection.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new List<(JsonElement, JsonElement)>();
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            if (group.GetProperty("parameterSet").GetString() != parameterSet)
            {
                continue;
            }
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                cases.Add((group.Clone(), test.Clone()));
            }
        }
        Assert.NotEmpty(cases);
        return cases;
    }

    public static byte[] Hex(this JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);
}
