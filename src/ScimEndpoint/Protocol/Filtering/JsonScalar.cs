using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>
/// Reads a JSON value, or a filter literal, as one SCIM data type. Each reader returns null when the value is not of
/// that type, so a comparison can fail quietly instead of throwing on stored data.
/// </summary>
internal static class JsonScalar
{
    /// <summary>A JSON boolean, or the string "true"/"false" in any case (Entra sends "True" and "False").</summary>
    public static bool? AsBoolean(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => ParseBoolean(node.GetValue<string>()),
        _ => null,
    };

    public static bool? AsBoolean(object? literal) => literal switch
    {
        bool value => value,
        string text => ParseBoolean(text),
        _ => null,
    };

    public static decimal? AsDecimal(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number when node.AsValue().TryGetValue<decimal>(out var number) => number,
        JsonValueKind.String => ParseDecimal(node.GetValue<string>()),
        _ => null,
    };

    public static decimal? AsDecimal(object? literal) => literal switch
    {
        decimal number => number,
        string text => ParseDecimal(text),
        _ => null,
    };

    /// <summary>An ISO 8601 date and time; one without an offset is read as UTC.</summary>
    public static DateTimeOffset? AsDateTime(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? ParseDateTime(node.GetValue<string>()) : null;

    public static DateTimeOffset? AsDateTime(object? literal) => literal is string text ? ParseDateTime(text) : null;

    /// <summary>A string, or the JSON text of a number or boolean, so <c>employeeNumber eq 42</c> can match "42".</summary>
    public static string? AsString(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
        _ => null,
    };

    public static string? AsString(object? literal) => literal switch
    {
        string text => text,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        bool value => value ? "true" : "false",
        _ => null,
    };

    private static bool? ParseBoolean(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    private static decimal? ParseDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static DateTimeOffset? ParseDateTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
}
