using System.Text.Json.Nodes;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Discovery;

/// <summary>
/// A minimal OpenAPI v3 (kubernetes-api.md §2.2): the root lists every group-version, and each group-version
/// document has the object paths with PATCH operations that declare <c>fieldValidation</c>, so kubectl validates
/// on the server. CR schemas are included under components for <c>kubectl explain</c>-style readers.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Root(IReadOnlyList<ResourceType> all)
    {
        var paths = new JsonObject();
        foreach (var gv in all.Select(t => t.GroupVersion).Distinct())
        {
            var key = gv.Contains('/', StringComparison.Ordinal) ? $"apis/{gv}" : $"api/{gv}";
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(all, gv)}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? Document(string path, IReadOnlyList<ResourceType> all)
    {
        var gv = path.StartsWith("apis/", StringComparison.Ordinal) ? path[5..]
            : path.StartsWith("api/", StringComparison.Ordinal) ? path[4..] : null;
        var types = all.Where(t => t.GroupVersion == gv).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var t in types)
        {
            var prefix = t.CollectionPath(null)[..^(t.Plural.Length + 1)];
            var item = t.Namespaced
                ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}/{{name}}"
                : $"{prefix}/{t.Plural}/{{name}}";
            paths[item] = Operations(t);
            if (t.HasStatus)
            {
                paths[item + "/status"] = Operations(t);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Operations(ResourceType t)
    {
        var gvk = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };
        JsonObject Op(string action, bool validation)
        {
            var parameters = new JsonArray(
                new JsonObject { ["name"] = "dryRun", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
            if (validation)
            {
                parameters.Add(new JsonObject
                {
                    ["name"] = "fieldValidation",
                    ["in"] = "query",
                    ["schema"] = new JsonObject { ["type"] = "string" },
                });
            }

            return new JsonObject
            {
                ["x-kubernetes-action"] = action,
                ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
                ["parameters"] = parameters,
                ["responses"] = new JsonObject(),
            };
        }

        return new JsonObject
        {
            ["get"] = Op("get", validation: false),
            ["put"] = Op("put", validation: true),
            ["patch"] = Op("patch", validation: true),
            ["delete"] = Op("delete", validation: false),
        };
    }

    private static string Hash(IReadOnlyList<ResourceType> all, string gv) =>
        string.Join(",", all.Where(t => t.GroupVersion == gv).Select(t => t.Plural)).GetHashCode(StringComparison.Ordinal)
            .ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
}
