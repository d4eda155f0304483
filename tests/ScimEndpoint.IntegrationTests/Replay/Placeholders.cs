using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>Replaces <c>{{name}}</c> placeholders with captured or generated values.</summary>
internal static partial class Placeholders
{
    /// <summary>Substitutes every placeholder; throws <see cref="ReplayException"/> for an unknown one.</summary>
    public static string Apply(string text, IReadOnlyDictionary<string, string> values, Func<string, string>? encode = null) =>
        PlaceholderPattern().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new ReplayException($"placeholder {{{{{name}}}}} has no value (not captured by an earlier step)");
            }

            return encode is null ? value : encode(value);
        });

    /// <summary>Returns a copy of the JSON with placeholders substituted inside every string value.</summary>
    public static JsonNode? Apply(JsonNode? node, IReadOnlyDictionary<string, string> values)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    copy[key] = Apply(child, values);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(child => Apply(child, values))]);
            default:
                return node is JsonValue value && value.TryGetValue<string>(out var text)
                    ? JsonValue.Create(Apply(text, values))
                    : node.DeepClone();
        }
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
