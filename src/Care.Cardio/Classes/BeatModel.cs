using System.Text.Json;
using System.Text.Json.Serialization;

namespace Care.Cardio.Classes;

/// <summary>
/// The heavy tier's beat classifier: a two-layer perceptron (features → ReLU hidden layer → 5 AAMI
/// classes) with float weights and their INT8 quantisation (per-row weight scales, calibrated input
/// and hidden-activation scales). Serialised as versioned JSON. Immutable after loading; thread safe.
/// </summary>
public sealed class BeatModel
{
    /// <summary>The file format version this code reads and writes.</summary>
    public const int FormatVersion = 2;

    /// <summary>The format version.</summary>
    public int Version { get; init; } = FormatVersion;

    /// <summary>How the model was made (the command that reproduces it).</summary>
    public string Provenance { get; init; } = "";

    /// <summary>Inputs per beat.</summary>
    public int Inputs { get; init; }

    /// <summary>Hidden units.</summary>
    public int Hidden { get; init; }

    /// <summary>Per-input mean for standardisation.</summary>
    public float[] InputMean { get; init; } = [];

    /// <summary>Per-input standard deviation for standardisation.</summary>
    public float[] InputStd { get; init; } = [];

    /// <summary>Hidden weights, row-major [hidden × inputs].</summary>
    public float[] W1 { get; init; } = [];

    /// <summary>Hidden biases.</summary>
    public float[] B1 { get; init; } = [];

    /// <summary>Output weights, row-major [classes × hidden].</summary>
    public float[] W2 { get; init; } = [];

    /// <summary>Output biases.</summary>
    public float[] B2 { get; init; } = [];

    /// <summary>INT8 hidden weights.</summary>
    public sbyte[] Q1 { get; init; } = [];

    /// <summary>INT8 output weights.</summary>
    public sbyte[] Q2 { get; init; } = [];

    /// <summary>Per-row scale of <see cref="Q1"/>.</summary>
    public float[] Q1Scale { get; init; } = [];

    /// <summary>Per-row scale of <see cref="Q2"/>.</summary>
    public float[] Q2Scale { get; init; } = [];

    /// <summary>Scale of the INT8 standardised input.</summary>
    public float InputScale { get; init; }

    /// <summary>Scale of the INT8 hidden activation.</summary>
    public float HiddenScale { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Serialises the model.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a model; throws <see cref="Care.Core.Errors.InvalidInputException"/> on a malformed or mismatched file.</summary>
    public static BeatModel FromJson(string json, string source)
    {
        BeatModel? model;
        try
        {
            model = JsonSerializer.Deserialize<BeatModel>(json, Json);
        }
        catch (JsonException e)
        {
            throw new Care.Core.Errors.InvalidInputException(source, $"not a beat model: {e.Message}");
        }
        if (model is null || model.Version != FormatVersion || model.Inputs != BeatFeatures.Count
            || model.W1.Length != model.Hidden * model.Inputs || model.W2.Length != AamiClasses.Count * model.Hidden
            || model.Q1.Length != model.W1.Length || model.Q2.Length != model.W2.Length)
        {
            throw new Care.Core.Errors.InvalidInputException(source, $"beat model does not match this version (format {FormatVersion}, {BeatFeatures.Count} inputs)");
        }
        return model;
    }

    /// <summary>The model shipped with Care (embedded <c>beats-v2.json</c>).</summary>
    public static BeatModel Shipped()
    {
        using var stream = typeof(BeatModel).Assembly.GetManifestResourceStream("Care.Cardio.Classes.beats-v2.json")
            ?? throw new InvalidOperationException("the shipped beat model is missing from the assembly");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd(), "beats-v2.json");
    }

    /// <summary>Classifies with float arithmetic. <paramref name="hidden"/> is scratch of length <see cref="Hidden"/>.</summary>
    public AamiClass ClassifyFloat(ReadOnlySpan<float> features, Span<float> hidden)
    {
        for (var h = 0; h < Hidden; h++)
        {
            var acc = B1[h];
            for (var k = 0; k < Inputs; k++)
            {
                acc += W1[h * Inputs + k] * Standardise(features, k);
            }
            hidden[h] = Math.Max(0, acc);
        }
        var best = 0;
        var bestValue = float.NegativeInfinity;
        for (var c = 0; c < AamiClasses.Count; c++)
        {
            var acc = B2[c];
            for (var h = 0; h < Hidden; h++)
            {
                acc += W2[c * Hidden + h] * hidden[h];
            }
            if (acc > bestValue)
            {
                bestValue = acc;
                best = c;
            }
        }
        return (AamiClass)best;
    }

    /// <summary>
    /// Classifies with INT8 weights and activations (32-bit accumulators, one float rescale per
    /// neuron). <paramref name="input"/> and <paramref name="hidden"/> are scratch spans.
    /// </summary>
    public AamiClass ClassifyInt8(ReadOnlySpan<float> features, Span<sbyte> input, Span<sbyte> hidden)
    {
        for (var k = 0; k < Inputs; k++)
        {
            input[k] = Quantise(Standardise(features, k) / InputScale);
        }
        for (var h = 0; h < Hidden; h++)
        {
            var acc = 0;
            for (var k = 0; k < Inputs; k++)
            {
                acc += Q1[h * Inputs + k] * input[k];
            }
            var v = Math.Max(0, acc * InputScale * Q1Scale[h] + B1[h]);
            hidden[h] = Quantise(v / HiddenScale);
        }
        var best = 0;
        var bestValue = float.NegativeInfinity;
        for (var c = 0; c < AamiClasses.Count; c++)
        {
            var acc = 0;
            for (var h = 0; h < Hidden; h++)
            {
                acc += Q2[c * Hidden + h] * hidden[h];
            }
            var v = acc * HiddenScale * Q2Scale[c] + B2[c];
            if (v > bestValue)
            {
                bestValue = v;
                best = c;
            }
        }
        return (AamiClass)best;
    }

    internal float Standardise(ReadOnlySpan<float> features, int k)
    {
        var z = (features[k] - InputMean[k]) / InputStd[k];
        return float.IsFinite(z) ? Math.Clamp(z, -8, 8) : 0;
    }

    internal static sbyte Quantise(float v) => (sbyte)Math.Clamp(MathF.Round(v), -127, 127);
}
