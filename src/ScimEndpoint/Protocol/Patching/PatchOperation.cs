using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>One PATCH operation; <see cref="Path"/> is null for a path-less add or replace.</summary>
internal sealed record PatchOperation(PatchOperationType Type, PatchPath? Path, string? RawPath, JsonNode? Value);
