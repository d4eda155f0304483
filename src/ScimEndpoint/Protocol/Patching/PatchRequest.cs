using System.Text.Json.Nodes;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>A parsed RFC 7644 §3.5.2 PatchOp message.</summary>
internal sealed record PatchRequest(IReadOnlyList<PatchOperation> Operations)
{
    public static PatchRequest Parse(JsonNode? body) => throw new NotImplementedException(body?.ToJsonString());
}
