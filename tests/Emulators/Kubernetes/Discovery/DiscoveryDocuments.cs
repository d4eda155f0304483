using System.Text.Json.Nodes;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Discovery;

/// <summary>
/// Legacy discovery (<c>/api</c>, <c>/apis</c>, per group-version APIResourceLists) and aggregated discovery
/// (<c>apidiscovery.k8s.io/v2</c>), built from the live registry so CRD groups come and go.
/// </summary>
internal static class DiscoveryDocuments
{
    public const string AggregatedContentType =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static JsonObject Version(string minor) => new()
    {
        ["major"] = "1",
        ["minor"] = minor,
        ["emulationMajor"] = "1",
        ["emulationMinor"] = minor,
        ["gitVersion"] = $"v1.{minor}.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = "127.0.0.1",
        }),
    };

    public static JsonObject GroupList(IReadOnlyList<ResourceType> all) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups(all).Select(g => (JsonNode)Group(g.Key, [.. g]))]),
    };

    public static JsonObject? FindGroup(string group, IReadOnlyList<ResourceType> all)
    {
        var types = all.Where(t => t.Group == group).ToList();
        return types.Count == 0 ? null : Group(group, types);
    }

    public static JsonObject? ResourceList(string group, string version, IReadOnlyList<ResourceType> all)
    {
        var types = all.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            var entry = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = Strings(ResourceType.AllVerbs),
            };
            if (t.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(t.ShortNames);
            }

            if (t.Categories.Count > 0)
            {
                entry["categories"] = Strings(t.Categories);
            }

            resources.Add(entry);
            if (t.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = Strings(["get", "patch", "update"]),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = types[0].GroupVersion,
            ["resources"] = resources,
        };
    }

    /// <summary>The aggregated form: the core group for <c>/api</c>, every other group for <c>/apis</c>.</summary>
    public static JsonObject Aggregated(IReadOnlyList<ResourceType> all, bool core)
    {
        var items = new JsonArray();
        foreach (var group in Groups(all).Where(g => (g.Key.Length == 0) == core))
        {
            var versions = new JsonArray();
            foreach (var version in group.GroupBy(t => t.Version))
            {
                versions.Add(new JsonObject
                {
                    ["version"] = version.Key,
                    ["resources"] = new JsonArray([.. version.Select(t => (JsonNode)AggregatedResource(t))]),
                    ["freshness"] = "Current",
                });
            }

            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = group.Key, ["creationTimestamp"] = null },
                ["versions"] = versions,
            });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject AggregatedResource(ResourceType t)
    {
        var entry = new JsonObject
        {
            ["resource"] = t.Plural,
            ["responseKind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
            ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = t.Singular,
            ["verbs"] = Strings(ResourceType.AllVerbs),
        };
        if (t.ShortNames.Count > 0)
        {
            entry["shortNames"] = Strings(t.ShortNames);
        }

        if (t.Categories.Count > 0)
        {
            entry["categories"] = Strings(t.Categories);
        }

        if (t.HasStatus)
        {
            entry["subresources"] = new JsonArray(new JsonObject
            {
                ["subresource"] = "status",
                ["responseKind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
                ["verbs"] = Strings(["get", "patch", "update"]),
            });
        }

        return entry;
    }

    private static JsonObject Group(string name, IReadOnlyList<ResourceType> types)
    {
        var versions = types.Select(t => t.Version).Distinct().ToList();
        var preferred = types.FirstOrDefault(t => t.StorageVersion == t.Version)?.Version ?? versions[0];
        JsonObject Gv(string v) => new() { ["groupVersion"] = $"{name}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Gv(v))]),
            ["preferredVersion"] = Gv(preferred),
        };
    }

    private static IEnumerable<IGrouping<string, ResourceType>> Groups(IReadOnlyList<ResourceType> all) =>
        all.GroupBy(t => t.Group);

    private static JsonArray Strings(IEnumerable<string> values) =>
        new([.. values.Select(v => (JsonNode)v)]);
}
