using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Resources;

/// <summary>
/// Turns a client's JSON for one attribute into the stored form, driven by the attribute definition: lenient in what
/// it accepts (Entra's string booleans, a bare manager id, a single value for a multi-valued attribute), strict in
/// what it keeps (JSON booleans, canonical sub-attribute names, no nulls, no empty containers).
/// </summary>
internal static class ValueNormalizer
{
    /// <summary>
    /// Normalizes a whole attribute value. Returns null when the value clears the attribute (null, "", [] or a
    /// complex value with nothing left).
    /// </summary>
    public static JsonNode? Attribute(SchemaAttribute attribute, JsonNode? value, string path)
    {
        if (attribute.FreeForm)
        {
            return CustomExtensions.Normalize(value, path);
        }

        if (!attribute.MultiValued)
        {
            return Single(attribute, UnwrapSingleElementArray(attribute, value, path), path);
        }

        if (value is null)
        {
            return null;
        }

        var result = new JsonArray();
        // Note: not "? array : [value]" — that collection expression would be a JsonArray and re-parent the node.
        IEnumerable<JsonNode?> items = value is JsonArray array ? array : Enumerable.Repeat<JsonNode?>(value, 1);
        foreach (var item in items)
        {
            if (Single(attribute, item, path) is { } element && !result.Any(e => JsonNode.DeepEquals(e, element)))
            {
                result.Add(element);
            }
        }

        if (result.Count(e => e?["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True) > 1)
        {
            throw ScimErrors.InvalidValue($"At most one value of '{path}' may be primary (RFC 7643 §2.4).");
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>
    /// Normalizes one value of an attribute: the value of a single-valued attribute, or one element of a
    /// multi-valued one. Returns null when nothing is left.
    /// </summary>
    public static JsonNode? Single(SchemaAttribute attribute, JsonNode? value, string path)
    {
        if (value is null)
        {
            return null;
        }

        if (!attribute.IsComplex)
        {
            return Simple(attribute, value, path);
        }

        if (value is JsonValue scalar && attribute.FindSubAttribute("value") is { } valueAttribute)
        {
            // A bare value for a complex attribute means its "value": Entra sends the manager as a bare id string
            // and "" to clear it.
            return Simple(valueAttribute, scalar, $"{path}.value") is { } inner ? new JsonObject { ["value"] = inner } : null;
        }

        if (value is not JsonObject complex)
        {
            throw ScimErrors.InvalidValue($"Attribute '{path}' must be an object.");
        }

        var result = new JsonObject();
        foreach (var (name, subValue) in complex)
        {
            var sub = attribute.FindSubAttribute(name)
                ?? throw ScimErrors.InvalidValue($"Attribute '{path}' has no sub-attribute '{ScimErrors.Shorten(name)}'.");
            if (sub.Mutability == Mutability.ReadOnly)
            {
                continue; // RFC 7643 §7: a readOnly value sent by a client is ignored.
            }

            if (Simple(sub, subValue, $"{path}.{sub.Name}") is { } normalized)
            {
                result[sub.Name] = normalized;
            }
        }

        if (string.Equals(attribute.Name, "roles", StringComparison.Ordinal))
        {
            UnpackEntraRole(result);
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>Normalizes a scalar. Returns null for JSON null and, for strings, for "" (both clear a value).</summary>
    public static JsonNode? Simple(SchemaAttribute attribute, JsonNode? value, string path)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not JsonValue scalar)
        {
            throw ScimErrors.InvalidValue($"Attribute '{path}' must be a single {TypeName(attribute.Type)} value.");
        }

        var kind = scalar.GetValueKind();
        switch (attribute.Type)
        {
            case AttributeType.Boolean:
                return kind switch
                {
                    JsonValueKind.True => JsonValue.Create(true),
                    JsonValueKind.False => JsonValue.Create(false),
                    // Entra's default job sends "True"/"False" (entra-scim.md §2.2).
                    JsonValueKind.String when bool.TryParse((string)scalar!, out var flag) => JsonValue.Create(flag),
                    _ => throw ScimErrors.InvalidValue($"Attribute '{path}' must be a boolean."),
                };
            case AttributeType.Integer:
                return kind == JsonValueKind.Number && scalar.TryGetValue(out long whole)
                    || kind == JsonValueKind.String
                    && long.TryParse((string)scalar!, NumberStyles.Integer, CultureInfo.InvariantCulture, out whole)
                    ? JsonValue.Create(whole)
                    : throw ScimErrors.InvalidValue($"Attribute '{path}' must be an integer.");
            case AttributeType.Decimal:
                return kind == JsonValueKind.Number && scalar.TryGetValue(out decimal number)
                    || kind == JsonValueKind.String
                    && decimal.TryParse((string)scalar!, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                    ? JsonValue.Create(number)
                    : throw ScimErrors.InvalidValue($"Attribute '{path}' must be a number.");
            case AttributeType.DateTime:
                return kind == JsonValueKind.String && DateTimeOffset.TryParse(
                    (string)scalar!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
                    ? JsonValue.Create(moment.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture))
                    : kind == JsonValueKind.String && ((string)scalar!).Length == 0
                        ? null
                        : throw ScimErrors.InvalidValue($"Attribute '{path}' must be an ISO 8601 date and time.");
            default:
                var text = kind switch
                {
                    JsonValueKind.String => (string)scalar!,
                    // Numbers and booleans keep their JSON text: nothing the client sent is lost.
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => scalar.ToJsonString(),
                    _ => throw ScimErrors.InvalidValue($"Attribute '{path}' must be a string."),
                };
                return text.Length == 0 ? null : JsonValue.Create(text);
        }
    }

    /// <summary>
    /// Entra's AppRoleAssignment PATCH form packs the role into a JSON string:
    /// <c>{"value":"{\"id\":…,\"value\":\"25\",\"displayName\":\"Role1234\"}"}</c> (entra-scim.md §2.15).
    /// The role's own value and display name are unpacked so POST and PATCH store the same shape.
    /// </summary>
    private static void UnpackEntraRole(JsonObject role)
    {
        if (role["value"] is not JsonValue packed || packed.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var text = (string)packed!;
        if (text.Length < 2 || text[0] != '{')
        {
            return;
        }

        JsonObject? inner;
        try
        {
            inner = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return; // Not packed JSON after all: keep the string as the role value.
        }

        if (inner?["value"] is JsonValue innerValue && innerValue.GetValueKind() == JsonValueKind.String)
        {
            role["value"] = (string)innerValue!;
            if (inner["displayName"] is JsonValue display && display.GetValueKind() == JsonValueKind.String)
            {
                role["display"] = (string)display!;
            }
        }
    }

    private static JsonNode? UnwrapSingleElementArray(SchemaAttribute attribute, JsonNode? value, string path) =>
        value switch
        {
            // Entra's old manager form: [{"$ref": …, "value": id}] for a single-valued attribute.
            JsonArray { Count: 0 } => null,
            JsonArray { Count: 1 } array => array[0]?.DeepClone(),
            JsonArray => throw ScimErrors.InvalidValue($"Attribute '{path}' is single-valued but got several values."),
            _ => value,
        };

    private static string TypeName(AttributeType type) => type switch
    {
        AttributeType.DateTime => "dateTime",
        _ => type.ToString().ToLowerInvariant(),
    };
}
