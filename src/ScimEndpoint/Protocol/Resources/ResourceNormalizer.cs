using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Resources;

/// <summary>
/// Validates a client's resource JSON against the schema and produces the normalized form the store keeps:
/// canonical names, core attributes at the top level, each extension under its URN, <c>schemas</c> listing the core
/// schema and the extensions present. Server-owned attributes (<c>id</c>, <c>meta</c>) are never taken from a client.
/// </summary>
internal static class ResourceNormalizer
{
    /// <summary>Normalizes a POST body; the store adds <c>id</c> and <c>meta</c>.</summary>
    public static JsonObject ForCreate(ResourceTypeDefinition type, JsonNode? body)
    {
        var resource = Parse(type, body, current: null);
        return Finish(type, resource);
    }

    /// <summary>
    /// Normalizes a PUT body (RFC 7644 §3.5.1): the body replaces every client-writable attribute; <c>id</c> and
    /// <c>meta</c> are kept from <paramref name="current"/>; an immutable attribute that already has a value must not
    /// change.
    /// </summary>
    public static JsonObject ForReplace(ResourceTypeDefinition type, JsonObject current, JsonNode? body)
    {
        var resource = Parse(type, body, current);
        resource["id"] = current["id"]?.DeepClone();
        resource["meta"] = current["meta"]?.DeepClone();
        return Finish(type, resource);
    }

    /// <summary>
    /// Brings a resource into its final form after any change: drops empty extension objects, rebuilds
    /// <c>schemas</c>, and checks required attributes and that at most one value of each multi-valued attribute is
    /// primary (RFC 7643 §2.4).
    /// </summary>
    public static JsonObject Finish(ResourceTypeDefinition type, JsonObject resource)
    {
        var schemas = new JsonArray(type.Schema.Id);
        foreach (var extension in type.Extensions)
        {
            if (resource[extension.Schema.Id] is JsonObject values)
            {
                if (values.Count == 0)
                {
                    resource.Remove(extension.Schema.Id);
                    continue;
                }

                schemas.Add(extension.Schema.Id);
                if (extension.Schema.Open)
                {
                    CustomExtensions.CheckObject(extension.Schema.Id, values);
                }

                CheckAttributes(extension.Schema, values, extension.Schema.Id + ":");
            }
            else if (extension.Required)
            {
                throw ScimErrors.InvalidValue($"The extension '{extension.Schema.Id}' is required.");
            }
        }

        CheckAttributes(type.Schema, resource, "");
        resource["schemas"] = schemas;
        return resource;
    }

    private static JsonObject Parse(ResourceTypeDefinition type, JsonNode? body, JsonObject? current)
    {
        if (body is not JsonObject input)
        {
            throw ScimErrors.InvalidSyntax("The request body must be a JSON object.");
        }

        CheckSchemas(type, input);
        var resource = new JsonObject();
        foreach (var (key, value) in input)
        {
            if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase)
                || key.Equals("id", StringComparison.OrdinalIgnoreCase)
                || key.Equals("meta", StringComparison.OrdinalIgnoreCase))
            {
                continue; // Server-owned: RFC 7643 §3.1 says a client's values are ignored.
            }

            if (type.FindExtension(key) is { } extension)
            {
                if (value is null)
                {
                    continue;
                }

                if (value is not JsonObject extensionValues)
                {
                    throw ScimErrors.InvalidValue($"The extension '{extension.Schema.Id}' must be a JSON object.");
                }

                foreach (var (name, extensionValue) in extensionValues)
                {
                    Set(type, resource, new AttributePath(extension.Schema.Id, name), extensionValue, current);
                }

                continue;
            }

            Set(type, resource, ParseKey(key), value, current);
        }

        return resource;
    }

    /// <summary>Keys are attribute paths: Entra and the SCIM validator send "name.givenName" and full URN keys.</summary>
    internal static AttributePath ParseKey(string key)
    {
        try
        {
            return PathParser.ParseAttributePath(key);
        }
        catch (ScimException)
        {
            throw ScimErrors.InvalidValue($"'{ScimErrors.Shorten(key)}' is not an attribute name.");
        }
    }

    private static void Set(
        ResourceTypeDefinition type, JsonObject resource, AttributePath path, JsonNode? value, JsonObject? current)
    {
        var resolved = type.Resolve(path);
        if (resolved?.ExtensionUrn is { } urn)
        {
            // A custom attribute keeps the spelling first written (in this body, else in the stored resource).
            resolved = CustomExtensions.SpelledAs(resolved, resource[urn] as JsonObject, current?[urn] as JsonObject);
        }

        if (resolved?.Attribute is not { } attribute)
        {
            throw ScimErrors.InvalidValue(
                $"{type.Name} has no attribute '{ScimErrors.Shorten(path.ToString())}'; see /Schemas for what is supported.");
        }

        if (attribute.Mutability == Mutability.ReadOnly)
        {
            return; // RFC 7643 §7: readOnly values in a POST or PUT are ignored.
        }

        var container = resolved.ExtensionUrn is null
            ? resource
            : (JsonObject)(resource[resolved.ExtensionUrn] ??= new JsonObject());
        JsonNode? normalized;
        if (resolved.SubAttribute is { } sub)
        {
            var parent = container[attribute.Name] as JsonObject ?? new JsonObject();
            if (attribute.MultiValued)
            {
                throw ScimErrors.InvalidValue($"'{resolved.CanonicalName}' addresses a multi-valued attribute; send '{attribute.Name}' as an array.");
            }

            if (sub.Mutability != Mutability.ReadOnly && ValueNormalizer.Simple(sub, value, resolved.CanonicalName) is { } subValue)
            {
                parent[sub.Name] = subValue;
            }

            normalized = parent.Count == 0 ? null : parent;
            container.Remove(attribute.Name);
        }
        else
        {
            normalized = ValueNormalizer.Attribute(attribute, value, resolved.CanonicalName);
        }

        if (current is not null && attribute.Mutability == Mutability.Immutable)
        {
            var existing = ResourceValues.Container(current, resolved)?[attribute.Name];
            if (existing is not null && !JsonNode.DeepEquals(existing, normalized))
            {
                throw ScimErrors.Mutability(resolved.CanonicalName, "is immutable and already has a value");
            }
        }

        if (normalized is null)
        {
            container.Remove(attribute.Name);
        }
        else
        {
            container[attribute.Name] = normalized;
        }
    }

    private static void CheckSchemas(ResourceTypeDefinition type, JsonObject input)
    {
        var schemas = input.FirstOrDefault(p => p.Key.Equals("schemas", StringComparison.OrdinalIgnoreCase)).Value;
        if (schemas is null)
        {
            return; // Lenient: the resource type is known from the endpoint.
        }

        if (schemas is not JsonArray list
            || list.Any(s => s is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw ScimErrors.InvalidSyntax("'schemas' must be an array of schema URNs.");
        }

        // Unknown URNs are ignored: Entra sends a Microsoft group URN beside the core one (entra-scim.md §1.1 #9).
        if (!list.Any(s => string.Equals((string?)s, type.Schema.Id, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimErrors.InvalidValue($"'schemas' must contain '{type.Schema.Id}'.");
        }
    }

    private static void CheckAttributes(ScimSchema schema, JsonObject values, string prefix)
    {
        foreach (var attribute in schema.Attributes)
        {
            var value = values[attribute.Name];
            if (attribute.Required && value is null)
            {
                throw ScimErrors.InvalidValue($"Attribute '{prefix}{attribute.Name}' is required.");
            }

            if (attribute.MultiValued && value is JsonArray elements
                && elements.Count(e => e?["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True) > 1)
            {
                throw ScimErrors.InvalidValue($"At most one value of '{prefix}{attribute.Name}' may be primary.");
            }
        }
    }
}
