using System.Text.Json;
using Care.Core.Events;

namespace Care.Core.Bundles;

/// <summary>The optional <c>events</c> array of the version-1 format (docs/bundle-format.md).</summary>
public static partial class BundleReader
{
    private static readonly (EventField Field, string Name)[] EventFields =
    [
        (EventField.Kind, "kind"),
        (EventField.Start, "start"),
        (EventField.End, "end"),
        (EventField.Value, "value"),
        (EventField.Detail, "detail"),
    ];

    private static void ReadEvent(ref Utf8JsonReader reader, ReadState state, int index)
    {
        string at = $"$.events[{index}]";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            state.Add(at, $"must be an object, not {Describe(reader.TokenType)}");
            reader.Skip();
            return;
        }
        PatchEventKind? kind = null;
        DateTimeOffset? start = null, end = null;
        double? value = null;
        string? detail = null;
        var seen = EventField.None;
        int errorsBefore = state.ErrorCount;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            var field = Array.Find(EventFields, f => f.Name == name).Field;
            reader.Read();
            string path = $"{at}.{name}";
            if (field == EventField.None)
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
                case EventField.Kind:
                    if (ExpectString(ref reader, state, () => path))
                    {
                        string text = reader.GetString()!;
                        if (!PatchEventKinds.TryParse(text, out kind))
                        {
                            state.Add(path, $"unknown kind '{Clip(text)}'; known: {string.Join(", ", PatchEventKinds.All)}");
                        }
                    }
                    break;
                case EventField.Start:
                    start = ReadTime(ref reader, state, () => path);
                    break;
                case EventField.End:
                    end = ReadTime(ref reader, state, () => path);
                    break;
                case EventField.Value:
                    value = ReadAmount(ref reader, state, path, 0, PatchEvent.MaxValue, "");
                    break;
                default:
                    if (ExpectString(ref reader, state, () => path))
                    {
                        detail = reader.GetString()!;
                        if (detail.Length > PatchEvent.MaxDetailLength)
                        {
                            state.Add(path, $"is {detail.Length} characters; at most {PatchEvent.MaxDetailLength} are allowed");
                        }
                    }
                    break;
            }
        }
        foreach (var required in (ReadOnlySpan<EventField>)[EventField.Kind, EventField.Start])
        {
            if ((seen & required) == 0)
            {
                state.Add($"{at}.{required.ToString().ToLowerInvariant()}", "required field is missing");
            }
        }
        if (start is DateTimeOffset s && end is DateTimeOffset e && e < s)
        {
            state.Add($"{at}.end", $"{e:O} is before the event's start ({s:O})");
        }
        if (state.ErrorCount == errorsBefore && kind is PatchEventKind k && start is DateTimeOffset begin)
        {
            state.AddEvent(new PatchEvent(k, begin, end, value, detail), index);
        }
    }
}
