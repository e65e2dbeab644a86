using System.Text.Json;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Core.Bundles;

/// <summary>
/// Reads and validates the version-1 JSON wire format of a <see cref="Bundle"/>. It is the single
/// gate every upload passes: a bundle is either returned whole and valid, or rejected with
/// <see cref="InvalidInputException"/> listing each problem with its JSON path. Thread safe
/// (stateless); allocates only the result.
/// </summary>
/// <remarks>
/// Rejected: empty or oversized input, malformed JSON, anything but one object at the root,
/// unknown or repeated fields, an unsupported <c>version</c>, missing or wrong-typed fields,
/// malformed ids, timestamps without a UTC offset, before 2000 or in the future beyond the
/// allowed clock skew, unknown LOINC codes, units that do not match the code, NaN or values
/// outside physiological limits, observations out of time order, and duplicated observations
/// (same code and time); in the optional <c>doses</c> array, unknown drugs, units or reasons,
/// negative, NaN or implausible amounts and durations, and doses out of time order or sharing a time;
/// in the optional <c>events</c> array, unknown kinds, an end before the start, NaN or negative values,
/// oversized detail text, and events out of start order or repeating a kind and start.
/// </remarks>
public static partial class BundleReader
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads one bundle.</summary>
    /// <param name="utf8">The whole encoded bundle.</param>
    /// <param name="now">The receiver's current time; later timestamps are allowed up to the clock skew.</param>
    /// <param name="limits">Size limits; <see cref="BundleLimits.Default"/> when null.</param>
    /// <exception cref="InvalidInputException">The bundle is not valid; nothing of it should be used.</exception>
    public static Bundle Read(ReadOnlySpan<byte> utf8, DateTimeOffset now, BundleLimits? limits = null)
    {
        limits ??= BundleLimits.Default;
        if (utf8.IsEmpty)
        {
            throw new InvalidInputException("$", "the body is empty; expected a bundle JSON object");
        }
        if (utf8.Length > limits.MaxBytes)
        {
            throw new InvalidInputException("$", $"the bundle is {utf8.Length} bytes; the limit is {limits.MaxBytes} bytes");
        }
        int badByte = InvalidUtf8Offset(utf8);
        if (badByte >= 0)
        {
            throw new InvalidInputException($"$ (byte {badByte + 1})", "the body is not valid UTF-8");
        }
        var state = new ReadState(limits, now + limits.MaxClockSkew);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            ReadRoot(ref reader, state);
            if (reader.Read())
            {
                state.Add("$", "unexpected content after the bundle object");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(
                $"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})",
                $"malformed JSON: {FirstSentence(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // Valid UTF-8 can still escape a lone surrogate ("\ud800"): the string cannot become text.
            throw new InvalidInputException(
                $"$ (byte {reader.BytesConsumed + 1})",
                "a string's \\u escapes do not form valid text (a lone UTF-16 surrogate)");
        }
        catch (StopReading)
        {
            // Too many errors or too many observations: what was collected is reported below.
        }
        return state.Finish();
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return -1;
        }
        int offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out int consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    private static void ReadRoot(ref Utf8JsonReader reader, ReadState state)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidInputException("$", "expected a JSON object at the root");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            string path = "$." + name;
            reader.Read();
            if (!seen.Add(name))
            {
                state.Add(path, "the field appears more than once");
                reader.Skip();
                continue;
            }
            switch (name)
            {
                case "version":
                    state.Version = ReadInt(ref reader, state, path);
                    break;
                case "bundleId":
                    if (ExpectString(ref reader, state, () => path))
                    {
                        if (reader.TryGetGuid(out var id))
                        {
                            state.BundleId = id;
                        }
                        else
                        {
                            state.Add(path, "must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301");
                        }
                    }
                    break;
                case "patchId":
                    if (ExpectString(ref reader, state, () => path))
                    {
                        if (PatchId.TryParse(reader.GetString(), out var patch))
                        {
                            state.PatchId = patch;
                        }
                        else
                        {
                            state.Add(path, $"not a valid patch id ({IdText.Rule})");
                        }
                    }
                    break;
                case "wearerId":
                    if (ExpectString(ref reader, state, () => path))
                    {
                        if (WearerId.TryParse(reader.GetString(), out var wearer))
                        {
                            state.WearerId = wearer;
                        }
                        else
                        {
                            state.Add(path, $"not a valid wearer id ({IdText.Rule})");
                        }
                    }
                    break;
                case "createdAt":
                    state.CreatedAt = ReadTime(ref reader, state, () => path);
                    break;
                case "observations":
                    ReadArray(ref reader, state, "observations", ReadObservation);
                    break;
                case "doses":
                    ReadArray(ref reader, state, "doses", ReadDose);
                    break;
                case "events":
                    ReadArray(ref reader, state, "events", ReadEvent);
                    break;
                default:
                    state.Add(path, "unknown field");
                    reader.Skip();
                    break;
            }
        }
        state.Require(seen);
    }

    /// <summary>Reads one item of an array at <paramref name="index"/>, reporting problems to <paramref name="state"/>.</summary>
    private delegate void ItemReader(ref Utf8JsonReader reader, ReadState state, int index);

    /// <summary>
    /// Walks the array field <paramref name="field"/> (observations, doses, events), handing each
    /// item to <paramref name="readItem"/> and stopping once the array exceeds the size limit.
    /// </summary>
    private static void ReadArray(ref Utf8JsonReader reader, ReadState state, string field, ItemReader readItem)
    {
        string path = "$." + field;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            state.Add(path, $"must be an array, not {Describe(reader.TokenType)}");
            reader.Skip();
            return;
        }
        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index == state.Limits.MaxObservations)
            {
                state.Add(path, $"more than {state.Limits.MaxObservations} {field}; split the upload");
                throw new StopReading();
            }
            readItem(ref reader, state, index);
            index++;
        }
    }

    private static void ReadObservation(ref Utf8JsonReader reader, ReadState state, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            state.Add(ObservationPath(index), $"must be an object, not {Describe(reader.TokenType)}");
            reader.Skip();
            return;
        }
        ObservationType? type = null;
        string? unit = null;
        DateTimeOffset? time = null;
        double? value = null;
        var seen = ObservationField.None;
        int errorsBefore = state.ErrorCount;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("code"u8) ? ObservationField.Code
                : reader.ValueTextEquals("unit"u8) ? ObservationField.Unit
                : reader.ValueTextEquals("time"u8) ? ObservationField.Time
                : reader.ValueTextEquals("value"u8) ? ObservationField.Value
                : ObservationField.None;
            string? unknownName = field == ObservationField.None ? reader.GetString() : null;
            reader.Read();
            if (field == ObservationField.None)
            {
                state.Add($"{ObservationPath(index)}.{unknownName}", "unknown field");
                reader.Skip();
                continue;
            }
            string Path() => $"{ObservationPath(index)}.{field.ToString().ToLowerInvariant()}";
            if ((seen & field) != 0)
            {
                state.Add(Path(), "the field appears more than once");
                reader.Skip();
                continue;
            }
            seen |= field;
            switch (field)
            {
                case ObservationField.Code:
                    if (ExpectString(ref reader, state, Path))
                    {
                        string code = reader.GetString()!;
                        if (!ObservationCatalog.TryFind(code, out type))
                        {
                            state.Add(Path(), $"unknown LOINC code '{Clip(code)}'; known: {string.Join(", ", ObservationCatalog.All.Select(t => t.Loinc))}");
                        }
                    }
                    break;
                case ObservationField.Unit:
                    if (ExpectString(ref reader, state, Path))
                    {
                        unit = reader.GetString();
                    }
                    break;
                case ObservationField.Time:
                    time = ReadTime(ref reader, state, Path);
                    break;
                default:
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        state.Add(Path(), $"must be a number, not {Describe(reader.TokenType)}");
                        reader.Skip();
                    }
                    else if (!reader.TryGetDouble(out double v) || !double.IsFinite(v))
                    {
                        state.Add(Path(), "the number is out of range");
                    }
                    else
                    {
                        value = v;
                    }
                    break;
            }
        }
        if (seen != ObservationField.All)
        {
            foreach (var required in (ReadOnlySpan<ObservationField>)[ObservationField.Code, ObservationField.Unit, ObservationField.Time, ObservationField.Value])
            {
                if ((seen & required) == 0)
                {
                    state.Add($"{ObservationPath(index)}.{required.ToString().ToLowerInvariant()}", "required field is missing");
                }
            }
        }
        if (type is not null && unit is not null && !string.Equals(unit, type.Ucum, StringComparison.Ordinal))
        {
            state.Add($"{ObservationPath(index)}.unit", $"'{Clip(unit)}' does not match code {type.Loinc} ({type.Display}), whose unit is '{type.Ucum}'");
        }
        if (type is not null && value is double x && !type.IsPlausible(x))
        {
            state.Add($"{ObservationPath(index)}.value", $"{x} {type.Ucum} is outside the physiological range {type.Minimum}–{type.Maximum} for {type.Display}");
        }
        if (state.ErrorCount == errorsBefore && type is not null && time is DateTimeOffset t && value is double ok)
        {
            state.AddObservation(new Observation(type.Sign, t, ok), index);
        }
    }

    private static string ObservationPath(int index) => $"$.observations[{index}]";

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, ReadState state, Func<string> path)
    {
        if (!ExpectString(ref reader, state, path))
        {
            return null;
        }
        if (!reader.TryGetDateTimeOffset(out var time) || !HasExplicitOffset(reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan))
        {
            state.Add(path(), "must be an ISO 8601 timestamp with a UTC offset, e.g. 2026-11-27T10:15:00Z");
            return null;
        }
        if (time < Earliest)
        {
            state.Add(path(), $"{time:O} is before {Earliest:yyyy-MM-dd}; the device clock is wrong");
            return null;
        }
        if (time > state.Latest)
        {
            state.Add(path(), $"{time:O} is in the future (receiver time plus allowed skew is {state.Latest:O})");
            return null;
        }
        return time.ToUniversalTime();
    }

    private static int? ReadInt(ref Utf8JsonReader reader, ReadState state, string path)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int v))
        {
            return v;
        }
        state.Add(path, $"must be an integer, not {Describe(reader.TokenType)}");
        reader.Skip();
        return null;
    }

    private static bool ExpectString(ref Utf8JsonReader reader, ReadState state, Func<string> path)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return true;
        }
        state.Add(path(), $"must be a string, not {Describe(reader.TokenType)}");
        reader.Skip();
        return false;
    }

    private static bool HasExplicitOffset(ReadOnlySpan<byte> text)
    {
        if (text.Length > 0 && (text[^1] == (byte)'Z' || text[^1] == (byte)'z'))
        {
            return true;
        }
        return text.Length > 6 && (text[^6] == (byte)'+' || text[^6] == (byte)'-') && text[^3] == (byte)':';
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.');
    }
}
