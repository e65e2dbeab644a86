using System.Text.Json;
using Care.Core.Doses;

namespace Care.Core.Bundles;

/// <summary>The optional <c>doses</c> array of the version-1 format (docs/bundle-format.md).</summary>
public static partial class BundleReader
{
    private static readonly (DoseField Field, string Name)[] DoseFields =
    [
        (DoseField.Time, "time"),
        (DoseField.Drug, "drug"),
        (DoseField.Unit, "unit"),
        (DoseField.BasalUnitsPerHour, "basalUnitsPerHour"),
        (DoseField.DurationMinutes, "durationMinutes"),
        (DoseField.BolusUnits, "bolusUnits"),
        (DoseField.Reason, "reason"),
    ];

    private static void ReadDose(ref Utf8JsonReader reader, ReadState state, int index)
    {
        string at = $"$.doses[{index}]";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            state.Add(at, $"must be an object, not {Describe(reader.TokenType)}");
            reader.Skip();
            return;
        }
        DateTimeOffset? time = null;
        double? basal = null, minutes = null, bolus = null;
        DoseDeliveryReason? reason = null;
        var seen = DoseField.None;
        int errorsBefore = state.ErrorCount;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            var field = Array.Find(DoseFields, f => f.Name == name).Field;
            reader.Read();
            string path = $"{at}.{name}";
            if (field == DoseField.None)
            {
                state.Add(path, "unknown field");
                reader.Skip();
                continue;
            }
            if ((seen & field) != 0)
            {
                state.Add(path, "the field appears more than once");
                reader.Skip();
                continue;
            }
            seen |= field;
            switch (field)
            {
                case DoseField.Time:
                    time = ReadTime(ref reader, state, () => path);
                    break;
                case DoseField.Drug:
                    ExpectExactly(ref reader, state, path, BundleFields.Insulin, "the only drug a dose may name");
                    break;
                case DoseField.Unit:
                    ExpectExactly(ref reader, state, path, BundleFields.InsulinUnit, "insulin doses are in units, written 'U'");
                    break;
                case DoseField.Reason:
                    if (ExpectString(ref reader, state, () => path))
                    {
                        string text = reader.GetString()!;
                        if (!DoseReasonNames.TryParse(text, out reason))
                        {
                            state.Add(path, $"unknown reason '{Clip(text)}'; known: {string.Join(", ", DoseReasonNames.All)}");
                        }
                    }
                    break;
                case DoseField.BasalUnitsPerHour:
                    basal = ReadAmount(ref reader, state, path, 0, DoseDelivery.MaxBasalUnitsPerHour, "U/h");
                    break;
                case DoseField.BolusUnits:
                    bolus = ReadAmount(ref reader, state, path, 0, DoseDelivery.MaxBolusUnits, "U");
                    break;
                default:
                    minutes = ReadAmount(ref reader, state, path, DoseDelivery.MinDuration.TotalMinutes, DoseDelivery.MaxDuration.TotalMinutes, "min");
                    break;
            }
        }
        foreach (var (field, name) in DoseFields)
        {
            if ((seen & field) == 0)
            {
                state.Add($"{at}.{name}", "required field is missing");
            }
        }
        if (state.ErrorCount == errorsBefore && time is DateTimeOffset t && basal is double b && minutes is double m && bolus is double u && reason is DoseDeliveryReason r)
        {
            state.AddDose(new DoseDelivery(t, b, TimeSpan.FromMinutes(m), u, r), index);
        }
    }

    private static void ExpectExactly(ref Utf8JsonReader reader, ReadState state, string path, string expected, string why)
    {
        if (ExpectString(ref reader, state, () => path))
        {
            string text = reader.GetString()!;
            if (!string.Equals(text, expected, StringComparison.Ordinal))
            {
                state.Add(path, $"'{Clip(text)}' is not '{expected}' ({why})");
            }
        }
    }

    private static double? ReadAmount(ref Utf8JsonReader reader, ReadState state, string path, double minimum, double maximum, string unit)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            state.Add(path, $"must be a number, not {Describe(reader.TokenType)}");
            reader.Skip();
            return null;
        }
        if (!reader.TryGetDouble(out double v) || !double.IsFinite(v))
        {
            state.Add(path, "the number is out of range");
            return null;
        }
        if (!(v >= minimum && v <= maximum))
        {
            state.Add(path, $"{v} {unit} is outside the accepted range {minimum}–{maximum} {unit}");
            return null;
        }
        return v;
    }
}
