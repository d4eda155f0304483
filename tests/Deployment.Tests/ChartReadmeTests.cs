using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>The chart README's values table lists exactly the values of values.yaml, with their defaults.</summary>
public sealed partial class ChartReadmeTests
{
    [Fact]
    public void Readme_lists_every_value_and_no_other()
    {
        var documented = ValueRows().Matches(File.ReadAllText(Repo.Chart("README.md")))
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["default"].Value.Trim());
        var values = Keys(ChartValues.Defaults()).ToList();

        Assert.Equal(values.Select(v => v.Key).Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in values.Where(v => v.Value is not JsonObject))
        {
            // Scalars and empty lists appear as their YAML: `2`, `""`, `[]`, `"00:00:15"`, `Information`.
            var expected = value switch
            {
                null => "`{}`",
                JsonArray { Count: 0 } => "`[]`",
                JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 || s.Contains(':', StringComparison.Ordinal) ? $"`\"{s}\"`" : $"`{s}`",
                _ => $"`{value.ToJsonString()}`",
            };
            Assert.True(documented[key] == expected, $"{key}: README says {documented[key]}, values.yaml {expected}");
        }
    }

    /// <summary>The documented keys: a section's own keys (image.tag), or the key itself for empty sections, lists,
    /// scalars and resources (whose content is Kubernetes' own).</summary>
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Keys(JsonObject values) =>
        values.SelectMany(top => top.Value is JsonObject { Count: > 0 } section && top.Key != "resources"
            ? section.Select(child => KeyValuePair.Create($"{top.Key}.{child.Key}", child.Value is JsonObject { Count: 0 } ? null : child.Value))
            : [KeyValuePair.Create(top.Key, top.Value is JsonObject { Count: 0 } ? null : top.Value)]);

    [GeneratedRegex(@"^\| `(?<key>[a-zA-Z.]+)` \| (?<default>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex ValueRows();
}
