using System.Text.Json.Nodes;

namespace ScimEndpoint.Tests.Support;

/// <summary>JSON helpers for table tests: single quotes stand for double quotes so cases stay readable.</summary>
internal static class Json
{
    public static JsonObject Object(string json) =>
        JsonNode.Parse(json.Replace('\'', '"')) as JsonObject ?? throw new ArgumentException("not an object", nameof(json));

    public static JsonNode? Node(string json) => JsonNode.Parse(json.Replace('\'', '"'));

    /// <summary>The resource without the server-owned parts, for comparing client-visible attributes.</summary>
    public static JsonObject Attributes(JsonObject resource)
    {
        var copy = (JsonObject)resource.DeepClone();
        copy.Remove("schemas");
        copy.Remove("id");
        copy.Remove("meta");
        return copy;
    }

    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"expected {expected?.ToJsonString() ?? "null"}\n  actual {actual?.ToJsonString() ?? "null"}");
}
