using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>A parsed RFC 7644 §3.5.2 PatchOp message.</summary>
internal sealed record PatchRequest(IReadOnlyList<PatchOperation> Operations)
{
    /// <summary>
    /// Parses and checks the message before anything is applied. Operation names and member names are matched
    /// ignoring case: Entra sends <c>"Replace"</c> (entra-scim.md §2.1).
    /// </summary>
    public static PatchRequest Parse(JsonNode? body)
    {
        if (body is not JsonObject message)
        {
            throw ScimErrors.InvalidSyntax("The request body must be a JSON object.");
        }

        if (Member(message, "schemas") is { } schemas
            && (schemas is not JsonArray list || !list.Any(s => s is JsonValue v
                && v.GetValueKind() == JsonValueKind.String
                && string.Equals((string?)v, ScimConstants.PatchOp, StringComparison.OrdinalIgnoreCase))))
        {
            throw ScimErrors.InvalidSyntax($"'schemas' must contain '{ScimConstants.PatchOp}'.");
        }

        if (Member(message, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            throw ScimErrors.InvalidSyntax("'Operations' must be a non-empty array.");
        }

        if (operations.Count > ScimConstants.MaxPatchOperations)
        {
            throw ScimErrors.InvalidValue(
                $"A PATCH may hold at most {ScimConstants.MaxPatchOperations} operations; this one has {operations.Count}.");
        }

        var result = new List<PatchOperation>(operations.Count);
        for (var i = 0; i < operations.Count; i++)
        {
            result.Add(ParseOperation(operations[i], i + 1));
        }

        return new PatchRequest(result);
    }

    private static PatchOperation ParseOperation(JsonNode? node, int number)
    {
        if (node is not JsonObject operation)
        {
            throw ScimErrors.InvalidSyntax($"Operation {number} must be a JSON object.");
        }

        var opText = Member(operation, "op") is JsonValue op && op.GetValueKind() == JsonValueKind.String
            ? (string)op!
            : throw ScimErrors.InvalidSyntax($"Operation {number} needs an 'op' of add, remove or replace.");
        var type = opText.ToUpperInvariant() switch
        {
            "ADD" => PatchOperationType.Add,
            "REMOVE" => PatchOperationType.Remove,
            "REPLACE" => PatchOperationType.Replace,
            _ => throw ScimErrors.InvalidSyntax(
                $"Operation {number} has op '{ScimErrors.Shorten(opText)}'; expected add, remove or replace."),
        };

        string? rawPath = null;
        PatchPath? path = null;
        switch (Member(operation, "path"))
        {
            case null:
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                rawPath = (string)value!;
                path = string.IsNullOrWhiteSpace(rawPath)
                    ? throw ScimErrors.InvalidPath(rawPath, "the path is empty")
                    : PathParser.ParsePatchPath(rawPath.Trim());
                break;
            default:
                throw ScimErrors.InvalidPath("(not a string)", $"operation {number} has a path that is not a string");
        }

        var hasValue = operation.Any(p => p.Key.Equals("value", StringComparison.OrdinalIgnoreCase));
        var operand = Member(operation, "value")?.DeepClone();
        if (type == PatchOperationType.Remove && path is null)
        {
            // RFC 7644 §3.5.2.2: a remove without a path is a noTarget error.
            throw new ScimException(400, "noTarget", $"Operation {number} (remove) needs a path.");
        }

        if (type != PatchOperationType.Remove && !hasValue)
        {
            throw ScimErrors.InvalidValue($"Operation {number} ({opText}) needs a value.");
        }

        if (type != PatchOperationType.Remove && path is null && operand is not JsonObject)
        {
            throw ScimErrors.InvalidValue($"Operation {number} ({opText}) has no path, so its value must be an object.");
        }

        return new PatchOperation(type, path, rawPath, operand);
    }

    private static JsonNode? Member(JsonObject node, string name)
    {
        if (node.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in node)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
