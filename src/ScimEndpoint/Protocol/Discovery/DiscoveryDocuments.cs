using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Discovery;

/// <summary>
/// The RFC 7643 §5–§7 discovery documents, built from <see cref="ScimResourceTypes"/> so they describe exactly what the
/// service implements. Pure functions of the base URL; the HTTP layer caches the result.
/// </summary>
internal static class DiscoveryDocuments
{
    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimConstants.ServiceProviderConfigSchema),
        ["patch"] = Supported(true),
        ["bulk"] = new JsonObject
        {
            ["supported"] = false,
            ["maxOperations"] = 0,
            ["maxPayloadSize"] = ScimConstants.MaxBodyBytes,
        },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimConstants.MaxPageSize },
        ["changePassword"] = Supported(false),
        ["sort"] = Supported(true),
        ["etag"] = Supported(true),
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "Authentication with a long-lived bearer token in the Authorization header.",
            ["primary"] = true,
        }),
        ["meta"] = Meta("ServiceProviderConfig", $"{baseUrl}/ServiceProviderConfig"),
    };

    public static JsonObject ResourceType(ResourceTypeDefinition type, string baseUrl)
    {
        var document = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimConstants.ResourceTypeSchema),
            ["id"] = type.Name,
            ["name"] = type.Name,
            ["endpoint"] = type.Endpoint,
            ["description"] = type.Description,
            ["schema"] = type.Schema.Id,
        };
        if (type.Extensions.Count > 0)
        {
            document["schemaExtensions"] = new JsonArray(type.Extensions
                .Select(e => (JsonNode)new JsonObject { ["schema"] = e.Schema.Id, ["required"] = e.Required })
                .ToArray());
        }

        document["meta"] = Meta("ResourceType", $"{baseUrl}/ResourceTypes/{type.Name}");
        return document;
    }

    public static JsonObject ResourceTypes(ScimResourceTypes types, string baseUrl) =>
        ListResponse(types.All.Select(t => ResourceType(t, baseUrl)));

    public static JsonObject Schema(ScimSchema schema, string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimConstants.SchemaSchema),
        ["id"] = schema.Id,
        ["name"] = schema.Name,
        ["description"] = schema.Description,
        ["attributes"] = new JsonArray(schema.Attributes.Select(a => (JsonNode)Attribute(a)).ToArray()),
        ["meta"] = Meta("Schema", $"{baseUrl}/Schemas/{schema.Id}"),
    };

    public static JsonObject Schemas(ScimResourceTypes types, string baseUrl) =>
        ListResponse(types.Schemas.Select(s => Schema(s, baseUrl)));

    /// <summary>RFC 7643 §7 attribute metadata, with <c>subAttributes</c> recursively; no member is ever null.</summary>
    public static JsonObject Attribute(SchemaAttribute attribute)
    {
        var document = new JsonObject
        {
            ["name"] = attribute.Name,
            ["type"] = CamelCase(attribute.Type.ToString()),
            ["multiValued"] = attribute.MultiValued,
            ["description"] = attribute.Description,
            ["required"] = attribute.Required,
            ["caseExact"] = attribute.CaseExact,
            ["mutability"] = CamelCase(attribute.Mutability.ToString()),
            ["returned"] = CamelCase(attribute.Returned.ToString()),
            ["uniqueness"] = CamelCase(attribute.Uniqueness.ToString()),
        };
        if (attribute.CanonicalValues is { Count: > 0 } canonical)
        {
            document["canonicalValues"] = Strings(canonical);
        }

        if (attribute.ReferenceTypes is { Count: > 0 } referenceTypes)
        {
            document["referenceTypes"] = Strings(referenceTypes);
        }

        if (attribute.SubAttributes.Count > 0)
        {
            document["subAttributes"] = new JsonArray(
                attribute.SubAttributes.Select(a => (JsonNode)Attribute(a)).ToArray());
        }

        return document;
    }

    private static JsonObject ListResponse(IEnumerable<JsonObject> resources)
    {
        var array = new JsonArray(resources.Select(r => (JsonNode)r).ToArray());
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimConstants.ListResponse),
            ["totalResults"] = array.Count,
            ["itemsPerPage"] = array.Count,
            ["startIndex"] = 1,
            ["Resources"] = array,
        };
    }

    private static JsonObject Supported(bool supported) => new() { ["supported"] = supported };

    private static JsonObject Meta(string resourceType, string location) =>
        new() { ["resourceType"] = resourceType, ["location"] = location };

    private static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static string CamelCase(string name) => string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
}
