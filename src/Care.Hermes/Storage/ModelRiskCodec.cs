using System.Buffers.Binary;
using System.Text.Json;
using Care.Clinical.Sepsis;

namespace Care.Hermes.Storage;

/// <summary>
/// How model-risk outputs are stored, by every backend alike (so all store identical bytes): inputs as
/// little-endian float32, contributions and alert explanations as JSON (NaN as null). Stateless; thread safe.
/// </summary>
public static class ModelRiskCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The model inputs as little-endian float32 bytes.</summary>
    public static byte[] Inputs(IReadOnlyList<float> inputs)
    {
        var bytes = new byte[inputs.Count * sizeof(float)];
        for (int i = 0; i < inputs.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), inputs[i]);
        }
        return bytes;
    }

    /// <summary>Model inputs read back from <see cref="Inputs(IReadOnlyList{float})"/>'s bytes; <see cref="InvalidDataException"/> for a length that is not a multiple of 4.</summary>
    public static float[] Inputs(byte[] bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"stored model inputs have {bytes.Length} bytes, not a whole number of float32");
        }
        var inputs = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }
        return inputs;
    }

    /// <summary>Contributions as JSON.</summary>
    public static string Contributions(IReadOnlyList<RiskContribution> contributions) => JsonSerializer.Serialize(contributions, Json);

    /// <summary>Contributions read back from JSON.</summary>
    public static RiskContribution[] Contributions(string json) =>
        JsonSerializer.Deserialize<RiskContribution[]>(json, Json) ?? throw new InvalidDataException("stored contributions are null");

    /// <summary>An alert's explanation (the model output it was raised on) as JSON.</summary>
    public static string Explanation(ModelRiskRecord risk) => JsonSerializer.Serialize(new Stored(
        risk.WearerId, risk.Time, risk.Hour, [.. risk.Inputs.Select(x => float.IsNaN(x) ? (float?)null : x)], risk.Measured,
        risk.Score, risk.Probability, risk.ProbabilityLow, risk.ProbabilityHigh, (int)risk.Level, [.. risk.Contributions], risk.ElevatedScore, risk.AlarmScore), Json);

    /// <summary>An alert's explanation read back from JSON.</summary>
    public static ModelRiskRecord Explanation(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new InvalidDataException("stored explanation is null");
        return new ModelRiskRecord(s.WearerId, s.Time, s.Hour, [.. s.Inputs.Select(x => x ?? float.NaN)], s.Measured,
            s.Score, s.Probability, s.ProbabilityLow, s.ProbabilityHigh, (SepsisRiskLevel)s.Level, s.Contributions)
        {
            ElevatedScore = s.ElevatedScore ?? 0,
            AlarmScore = s.AlarmScore ?? 0,
        };
    }

    private sealed record Stored(
        string WearerId, DateTimeOffset Time, int Hour, float?[] Inputs, bool Measured, int Score,
        double Probability, double ProbabilityLow, double ProbabilityHigh, int Level, RiskContribution[] Contributions,
        int? ElevatedScore = null, int? AlarmScore = null);
}
