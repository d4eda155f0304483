using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>
/// Checks the <c>expect</c> map of a replay step against a response document and returns one reason per failed entry.
/// </summary>
/// <remarks>
/// Values: literal JSON (exact), strings with <c>{{placeholders}}</c>, or the markers <c>&lt;non-empty&gt;</c>,
/// <c>&lt;absent&gt;</c>, <c>&lt;absent, null, or value empty&gt;</c>, <c>contains X</c>, <c>does not contain X</c>.
/// For a list key (<c>a[].b</c>) a scalar must be among the values and an array's elements must all be.
/// </remarks>
internal static class ExpectationChecker
{
    public const string NonEmpty = "<non-empty>";
    public const string Absent = "<absent>";
    public const string AbsentNullOrEmpty = "<absent, null, or value empty>";
    private const string Contains = "contains ";
    private const string DoesNotContain = "does not contain ";

    public static IReadOnlyList<string> Check(
        JsonNode? document, JsonObject expect, IReadOnlyDictionary<string, string> values)
    {
        var failures = new List<string>();
        foreach (var (key, expected) in expect)
        {
            var resolved = ResponsePath.Resolve(document, key);
            if (Fails(resolved, Placeholders.Apply(expected, values)) is { } reason)
            {
                failures.Add($"{key}: {reason}, got {Describe(resolved)}");
            }
        }

        return failures;
    }

    private static string? Fails(ResponsePath.Result resolved, JsonNode? expected)
    {
        var nodes = resolved.Nodes;
        var marker = expected is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        switch (marker)
        {
            case NonEmpty:
                return resolved.IsList ? Unless(nodes.Count > 0, "expected a non-empty list")
                    : Unless(nodes is [var single] && !IsEmpty(single), "expected a non-empty value");
            case Absent:
                return Unless(nodes.Count == 0, "expected the attribute to be absent");
            case AbsentNullOrEmpty:
                return Unless(nodes.All(IsEmptyOrEmptyValue), "expected absent, null, or an empty value");
            case not null when marker.StartsWith(DoesNotContain, StringComparison.Ordinal):
                return Unless(!Strings(nodes).Contains(marker[DoesNotContain.Length..]), $"expected no \"{marker[DoesNotContain.Length..]}\"");
            case not null when marker.StartsWith(Contains, StringComparison.Ordinal):
                return Unless(Strings(nodes).Contains(marker[Contains.Length..]), $"expected to contain \"{marker[Contains.Length..]}\"");
        }

        if (!resolved.IsList)
        {
            return Unless(nodes is [var single] && JsonNode.DeepEquals(single, expected), $"expected {Json(expected)}");
        }

        var wanted = expected is JsonArray array ? array.ToList() : [expected];
        return Unless(
            wanted.All(item => nodes.Any(node => JsonNode.DeepEquals(node, item))),
            $"expected all of {Json(expected)} to be present");
    }

    private static string? Unless(bool passed, string reason) => passed ? null : reason;

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length == 0,
    };

    private static bool IsEmptyOrEmptyValue(JsonNode? node) =>
        IsEmpty(node) || (node is JsonObject obj && IsEmpty(obj["value"]));

    private static HashSet<string> Strings(IEnumerable<JsonNode?> nodes) =>
        nodes.OfType<JsonValue>()
            .Select(node => node.TryGetValue<string>(out var text) ? text : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static string Describe(ResponsePath.Result resolved) => resolved.Nodes switch
    {
        [] => "nothing",
        [var single] when !resolved.IsList => Json(single),
        var nodes => Json(new JsonArray([.. nodes.Select(node => node?.DeepClone())])),
    };

    internal static string Json(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
