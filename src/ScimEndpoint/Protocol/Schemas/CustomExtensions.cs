using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScimEndpoint.Protocol.Schemas;

/// <summary>
/// A tenant's custom-extension schemas (Entra's <c>urn:ietf:params:scim:schemas:extension:&lt;name&gt;:2.0:User</c>,
/// configured as <c>Scim:CustomSchemas</c>). Such a schema is open: it lists no attributes, and each attribute it
/// holds is a string, boolean or number, or an array of them, kept as sent. Attribute names compare ignoring case and
/// keep the spelling first written. Limits keep the whole object within one ZITADEL metadata value.
/// </summary>
internal static partial class CustomExtensions
{
    /// <summary>At most this many custom schemas per tenant.</summary>
    public const int MaxSchemas = 10;

    /// <summary>At most this many attributes in one custom extension object.</summary>
    public const int MaxAttributes = 50;

    /// <summary>At most this many bytes of JSON per attribute value (so one object stays far below 500 000 bytes).</summary>
    public const int MaxValueBytes = 4096;

    /// <summary>At most this many characters in an attribute name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The accepted URN form; the core and enterprise URNs are refused separately.</summary>
    public const string UrnPattern = "^urn:ietf:params:scim:schemas:extension:[A-Za-z0-9][A-Za-z0-9_-]{0,99}:2\\.0:User$";

    public static ScimSchema Schema(string urn) =>
        new(urn, urn.Split(':')[^3], "A custom extension of this tenant: any attribute with a string, boolean or " +
            "number value or an array of them; filtering on its attributes is not supported.", [])
        {
            Open = true,
        };

    /// <summary>The definition of one attribute of an open extension, named as the path spells it.</summary>
    public static SchemaAttribute Attribute(string name) => new(name, AttributeType.String) { FreeForm = true };

    /// <summary>Null when <paramref name="urn"/> can be a custom schema, else why not.</summary>
    public static string? Problem(string? urn)
    {
        if (string.IsNullOrWhiteSpace(urn) || !UrnRegex().IsMatch(urn))
        {
            return $"'{urn}' is not a custom-extension URN of the form urn:ietf:params:scim:schemas:extension:<name>:2.0:User";
        }

        return string.Equals(urn, ScimConstants.EnterpriseUserSchema, StringComparison.OrdinalIgnoreCase)
            ? "the enterprise extension is built in and cannot be a custom schema"
            : null;
    }

    /// <summary>
    /// Normalizes a value: a string, boolean or number is kept as sent, an array keeps its simple elements (without
    /// nulls); an object, or an array holding one, is a 400 <c>invalidValue</c> naming the attribute. Returns null when
    /// the value clears the attribute (null, "" or []).
    /// </summary>
    public static JsonNode? Normalize(JsonNode? value, string path)
    {
        JsonNode? result = value switch
        {
            null => null,
            JsonValue scalar => SimpleOrNull(scalar, path),
            JsonArray array => ArrayOrNull(array, path),
            _ => throw Nested(path),
        };
        if (result is not null && Encoding.UTF8.GetByteCount(result.ToJsonString()) > MaxValueBytes)
        {
            throw ScimErrors.InvalidValue($"Attribute '{ScimErrors.Shorten(path)}' is larger than {MaxValueBytes} bytes of JSON.");
        }

        return result;
    }

    /// <summary>Checks the number of attributes and their names in one stored custom extension object.</summary>
    public static void CheckObject(string urn, JsonObject values)
    {
        if (values.Count > MaxAttributes)
        {
            throw ScimErrors.InvalidValue($"The extension '{urn}' holds more than {MaxAttributes} attributes.");
        }

        foreach (var (name, _) in values)
        {
            if (name.Length > MaxNameLength)
            {
                throw ScimErrors.InvalidValue(
                    $"Attribute name '{ScimErrors.Shorten(name)}' of '{urn}' is longer than {MaxNameLength} characters.");
            }
        }
    }

    /// <summary>
    /// The attribute as the container already spells it (ignoring case), so a value keeps the name first written;
    /// otherwise as the path spells it.
    /// </summary>
    public static ResolvedAttribute SpelledAs(ResolvedAttribute resolved, params JsonObject?[] containers)
    {
        if (resolved.Attribute is not { FreeForm: true } attribute)
        {
            return resolved;
        }

        foreach (var container in containers)
        {
            var existing = container?.FirstOrDefault(p => string.Equals(p.Key, attribute.Name, StringComparison.OrdinalIgnoreCase)).Key;
            if (existing is not null)
            {
                return existing == attribute.Name ? resolved : resolved with { Attribute = Attribute(existing) };
            }
        }

        return resolved;
    }

    private static JsonValue? SimpleOrNull(JsonValue scalar, string path) => scalar.GetValueKind() switch
    {
        JsonValueKind.String => ((string)scalar!).Length == 0 ? null : (JsonValue)scalar.DeepClone(),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => (JsonValue)scalar.DeepClone(),
        JsonValueKind.Null => null,
        _ => throw Nested(path),
    };

    private static JsonArray? ArrayOrNull(JsonArray array, string path)
    {
        var result = new JsonArray();
        foreach (var item in array)
        {
            if (item is not (null or JsonValue))
            {
                throw Nested(path);
            }

            if (item is JsonValue scalar && SimpleOrNull(scalar, path) is { } kept)
            {
                result.Add(kept);
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static ScimException Nested(string path) => ScimErrors.InvalidValue(
        $"Attribute '{ScimErrors.Shorten(path)}' of a custom extension must be a string, boolean or number, or an " +
        "array of them; nested objects are not supported.");

    [GeneratedRegex(UrnPattern, RegexOptions.CultureInvariant)]
    private static partial Regex UrnRegex();
}
