using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// One tenant-declared mapping (<c>spec.mappings.metadata</c>): a single-valued User attribute, or the primary (else
/// first) value of a multi-valued one, written as ZITADEL user metadata under <see cref="Key"/> as plain text, next to
/// the SCIM copy under <c>scim.</c> keys. Applications read it from ZITADEL (tokens, actions); SCIM reads never do.
/// </summary>
internal sealed partial record ZitadelMetadataMapping(string Key, ResolvedAttribute Attribute)
{
    /// <summary>
    /// Resolves <paramref name="path"/> against the User type (<paramref name="userType"/>, with the tenant's custom
    /// extensions; default the built-in one), or explains why it cannot be mapped.
    /// </summary>
    public static ZitadelMetadataMapping? TryCreate(
        string? path, string? key, out string? problem, ResourceTypeDefinition? userType = null)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(key) || key.Length > ZitadelUserMapping.MaxFieldLength || !KeyRegex().IsMatch(key))
        {
            problem = $"key '{key}' must be 1-200 letters, digits, '_', '.', ':' or '-'";
            return null;
        }

        if (key.StartsWith(ZitadelUserMapping.MetadataPrefix, StringComparison.Ordinal))
        {
            problem = $"key '{key}' starts with '{ZitadelUserMapping.MetadataPrefix}', which is reserved for the SCIM copy";
            return null;
        }

        ResolvedAttribute? resolved;
        try
        {
            resolved = string.IsNullOrWhiteSpace(path) ? null : (userType ?? ScimSchemas.UserType).Resolve(PathParser.ParseAttributePath(path));
        }
        catch (ScimException)
        {
            resolved = null;
        }

        if (resolved?.Attribute is not { } attribute || resolved.Target!.IsComplex
            || attribute.Name is "id" or "meta" or "schemas"
            || (attribute.MultiValued && resolved.SubAttribute is null))
        {
            problem = $"path '{path}' is not a single-valued User attribute or the value of a multi-valued one";
            return null;
        }

        return new ZitadelMetadataMapping(key, resolved);
    }

    /// <summary>The attribute's value in a normalized user as text, or null when it has none.</summary>
    public string? ValueIn(JsonObject user)
    {
        var attribute = Attribute.Attribute!;
        var container = Attribute.ExtensionUrn is null ? user : user[Attribute.ExtensionUrn] as JsonObject;
        var node = attribute.FreeForm
            ? container?.FirstOrDefault(p => string.Equals(p.Key, attribute.Name, StringComparison.OrdinalIgnoreCase)).Value
            : container?[attribute.Name];
        if (attribute.MultiValued && node is JsonArray elements)
        {
            node = elements.FirstOrDefault(e => e?["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True)
                ?? elements.FirstOrDefault();
        }

        if (Attribute.SubAttribute is { } sub)
        {
            node = (node as JsonObject)?[sub.Name];
        }

        return node switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => (string)value!,
            JsonValue value => value.ToJsonString(),
            JsonArray values when attribute.FreeForm => values.ToJsonString(), // A custom attribute's array, as JSON.
            _ => null,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();
}
