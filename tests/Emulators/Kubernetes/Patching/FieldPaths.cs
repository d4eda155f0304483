using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Patching;

/// <summary>
/// Leaf field paths of an object in managedFields notation (<c>f:spec</c>, <c>k:{"name":"c"}</c>), joined by
/// <see cref="Separator"/>. Lists of objects with a known merge key are keyed by it; other lists are atomic.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\u001f';

    public static Dictionary<string, JsonNode?> Leaves(JsonObject obj)
    {
        var leaves = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject meta)
            {
                foreach (var tracked in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
                {
                    if (meta[tracked] is { } node)
                    {
                        Walk(node, $"f:metadata{Separator}f:{tracked}", tracked, leaves);
                    }
                }

                continue;
            }

            Walk(value, "f:" + key, key, leaves);
        }

        return leaves;
    }

    /// <summary>The merge key of a list field, by the field's name (builtin patch metadata; also used for CRs).</summary>
    public static string? MergeKey(string field, JsonArray list) => field switch
    {
        "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
        "volumeMounts" => "mountPath",
        "ports" => list.OfType<JsonObject>().All(p => p.ContainsKey("containerPort")) ? "containerPort" : "port",
        "conditions" => "type",
        "ownerReferences" => "uid",
        _ => null,
    };

    public static string KeyElement(string mergeKey, JsonNode? keyValue) =>
        "k:{\"" + mergeKey + "\":" + keyValue?.ToJsonString() + "}";

    /// <summary>A path as Apply conflict messages print it: <c>.spec.containers[name="c"].image</c>.</summary>
    public static string Display(string path)
    {
        var text = "";
        foreach (var element in path.Split(Separator))
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                text += "." + element[2..];
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject key)
            {
                text += "[" + string.Join(",", key.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}")) + "]";
            }
        }

        return text;
    }

    private static void Walk(JsonNode? node, string path, string field, Dictionary<string, JsonNode?> leaves)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, path + Separator + "f:" + key, key, leaves);
                }

                break;
            case JsonArray { Count: > 0 } list when MergeKey(field, list) is { } mergeKey &&
                list.All(e => e is JsonObject o && o.ContainsKey(mergeKey)):
                foreach (var element in list.OfType<JsonObject>())
                {
                    var elementPath = path + Separator + KeyElement(mergeKey, element[mergeKey]);
                    foreach (var (key, value) in element)
                    {
                        Walk(value, elementPath + Separator + "f:" + key, key, leaves);
                    }
                }

                break;
            default:
                leaves[path] = node;
                break;
        }
    }
}
