using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Resources;

/// <summary>Validates client JSON against the schema and produces the normalized form the store keeps.</summary>
internal static class ResourceNormalizer
{
    public static JsonObject ForCreate(ResourceTypeDefinition type, JsonNode? body) =>
        throw new NotImplementedException(type.Name + body);

    public static JsonObject ForReplace(ResourceTypeDefinition type, JsonObject current, JsonNode? body) =>
        throw new NotImplementedException(type.Name + current + body);
}
