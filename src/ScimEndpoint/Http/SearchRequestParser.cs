using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Querying;

namespace ScimEndpoint.Http;

/// <summary>
/// Builds a <see cref="SearchRequest"/> from a query string (RFC 7644 §3.4.2) or a POST <c>.search</c> body
/// (§3.4.3). Unknown parameters are ignored; Entra may append its own (e.g. <c>aadOptscim062020</c>).
/// </summary>
internal static class SearchRequestParser
{
    public static SearchRequest FromQuery(IQueryCollection query)
    {
        if (query.Count == 0)
        {
            return Empty;
        }

        return new SearchRequest
        {
            Filter = Single(query["filter"]),
            Attributes = List(query["attributes"]),
            ExcludedAttributes = List(query["excludedAttributes"]),
            SortBy = Single(query["sortBy"]),
            SortOrder = Single(query["sortOrder"]),
            StartIndex = Integer("startIndex", Single(query["startIndex"])),
            Count = Integer("count", Single(query["count"])),
        };
    }

    public static SearchRequest FromBody(JsonObject body) => new()
    {
        Filter = String(body, "filter"),
        Attributes = List(body, "attributes"),
        ExcludedAttributes = List(body, "excludedAttributes"),
        SortBy = String(body, "sortBy"),
        SortOrder = String(body, "sortOrder"),
        StartIndex = Integer(body, "startIndex"),
        Count = Integer(body, "count"),
    };

    /// <summary>True when the query asks for a projection (<c>attributes</c> or <c>excludedAttributes</c>).</summary>
    public static bool HasProjection(IQueryCollection query) =>
        query.Count > 0 && (query.ContainsKey("attributes") || query.ContainsKey("excludedAttributes"));

    private static readonly SearchRequest Empty = new();

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[^1];

    private static string[] List(StringValues values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
    }

    private static int? Integer(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ScimErrors.InvalidValue($"{name} must be an integer.");
        }

        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }

    private static string? String(JsonObject body, string name) => Property(body, name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw ScimErrors.InvalidValue($"{name} must be a string."),
    };

    private static string[] List(JsonObject body, string name) => Property(body, name) switch
    {
        null => [],
        JsonArray array => array.Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>()
                : throw ScimErrors.InvalidValue($"{name} must be an array of strings."))
            .ToArray(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => List(new StringValues(value.GetValue<string>())),
        _ => throw ScimErrors.InvalidValue($"{name} must be an array of strings."),
    };

    private static int? Integer(JsonObject body, string name)
    {
        switch (Property(body, name))
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (!value.TryGetValue<long>(out var number))
                {
                    throw ScimErrors.InvalidValue($"{name} must be an integer.");
                }

                return (int)Math.Clamp(number, int.MinValue, int.MaxValue);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return Integer(name, value.GetValue<string>());
            default:
                throw ScimErrors.InvalidValue($"{name} must be an integer.");
        }
    }

    /// <summary>Attribute names in a request body are matched ignoring case (RFC 7643 §2.1).</summary>
    private static JsonNode? Property(JsonObject body, string name)
    {
        foreach (var (key, value) in body)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
