using System.Text.Json;
using Care.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Api;

/// <summary>Reading a request's JSON object body and its required fields, with errors that name where the problem is.</summary>
internal static class JsonBody
{
    /// <summary>Parses the body as one JSON object.</summary>
    /// <exception cref="InvalidInputException">The body is malformed JSON or not an object.</exception>
    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                json.Dispose();
                throw new InvalidInputException("$", "expected a JSON object");
            }
            return json;
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("$", $"malformed JSON: {e.Message}");
        }
    }

    /// <summary>A required, non-blank string field.</summary>
    public static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new InvalidInputException("$." + name, "required string field is missing");
}
