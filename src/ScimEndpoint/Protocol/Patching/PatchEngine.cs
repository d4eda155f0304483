using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>Applies PATCH operations to a copy of a resource; pure, no store access.</summary>
internal static class PatchEngine
{
    public static JsonObject Apply(ResourceTypeDefinition type, JsonObject current, PatchRequest request) =>
        throw new NotImplementedException(type.Name + current + request);
}
