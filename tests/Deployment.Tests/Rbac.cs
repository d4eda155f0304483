using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>RBAC rules flattened to (apiGroup, resource, verb) grants, the unit in which two role sets are compared.</summary>
internal static class Rbac
{
    public static SortedSet<string> Grants(IEnumerable<JsonNode?> rules)
    {
        var grants = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Select(r => r!.AsObject()))
        {
            var names = rule["resourceNames"] is JsonArray n ? "[" + string.Join(',', n.Select(x => (string)x!)) + "]" : "";
            foreach (var group in Strings(rule, "apiGroups"))
            {
                foreach (var resource in Strings(rule, "resources"))
                {
                    foreach (var verb in Strings(rule, "verbs"))
                    {
                        grants.Add($"{group}/{resource}{names}:{verb}");
                    }
                }
            }
        }

        return grants;
    }

    /// <summary>The rules of every ClusterRole and Role named <paramref name="name"/> in <paramref name="objects"/>.</summary>
    public static JsonArray RulesOf(IEnumerable<JsonNode> objects, string kind, string name) =>
        objects.Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name)["rules"]!.AsArray();

    private static IEnumerable<string> Strings(JsonObject rule, string field) =>
        rule[field]!.AsArray().Select(x => (string)x!);
}
