using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Schema;

/// <summary>
/// Pruning and defaulting of custom resources by their structural schema (kubernetes-api.md §2.12, steps 2 and
/// 3). <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are always kept; metadata keeps only ObjectMeta fields.
/// </summary>
internal static class StructuralSchema
{
    private static readonly HashSet<string> ObjectMetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ];

    /// <summary>Drops unknown fields; returns their paths (<c>spec.foo</c>) for fieldValidation.</summary>
    public static List<string> Prune(JsonObject obj, JsonObject? schema)
    {
        var unknown = new List<string>();
        if (obj["metadata"] is JsonObject metadata)
        {
            PruneMetadata(metadata, "metadata", unknown);
        }

        if (schema is null)
        {
            return unknown;
        }

        foreach (var (key, _) in obj.ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (Property(schema, key) is { } child)
            {
                PruneNode(obj[key], child, key, unknown);
            }
            else if (!PreservesUnknown(schema))
            {
                obj.Remove(key);
                unknown.Add(key);
            }
        }

        return unknown;
    }

    /// <summary>Sets <c>default</c> values wherever the parent exists, outside-in.</summary>
    public static void Default(JsonNode? node, JsonObject? schema)
    {
        if (schema is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (key, propertySchema) in properties)
                    {
                        if (propertySchema is JsonObject ps && !obj.ContainsKey(key) && ps["default"] is { } d &&
                            !(node.Parent is null && key is "apiVersion" or "kind" or "metadata"))
                        {
                            obj[key] = d.DeepClone();
                        }
                    }

                    foreach (var (key, value) in obj.ToList())
                    {
                        if (properties[key] is JsonObject ps)
                        {
                            Default(value, ps);
                        }
                    }
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var (_, value) in obj.ToList())
                    {
                        Default(value, additional);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var item in array)
                {
                    Default(item, items);
                }

                break;
            default:
                break;
        }
    }

    private static void PruneNode(JsonNode? node, JsonObject schema, string path, List<string> unknown)
    {
        switch (node)
        {
            case JsonObject obj:
                var embedded = schema["x-kubernetes-embedded-resource"]?.GetValue<bool>() == true;
                foreach (var (key, value) in obj.ToList())
                {
                    var childPath = path + "." + key;
                    if (embedded && key is "apiVersion" or "kind")
                    {
                        continue;
                    }

                    if (embedded && key == "metadata" && value is JsonObject metadata)
                    {
                        PruneMetadata(metadata, childPath, unknown);
                        continue;
                    }

                    if (Property(schema, key) is { } child)
                    {
                        PruneNode(value, child, childPath, unknown);
                    }
                    else if (schema["additionalProperties"] is JsonObject additional)
                    {
                        PruneNode(value, additional, childPath, unknown);
                    }
                    else if (!PreservesUnknown(schema) && schema["additionalProperties"] is not JsonValue)
                    {
                        obj.Remove(key);
                        unknown.Add(childPath);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    PruneNode(array[i], items, $"{path}[{i}]", unknown);
                }

                break;
            default:
                break;
        }
    }

    private static void PruneMetadata(JsonObject metadata, string path, List<string> unknown)
    {
        foreach (var (key, _) in metadata.ToList())
        {
            if (!ObjectMetaFields.Contains(key))
            {
                metadata.Remove(key);
                unknown.Add(path + "." + key);
            }
        }
    }

    private static JsonObject? Property(JsonObject schema, string key) => schema["properties"]?[key] as JsonObject;

    private static bool PreservesUnknown(JsonObject schema) =>
        schema["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.GetValue<bool>();
}
