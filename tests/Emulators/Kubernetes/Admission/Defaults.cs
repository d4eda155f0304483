using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Admission;

/// <summary>Set-if-absent helpers for builtin defaulting.</summary>
internal static class Defaults
{
    public static void Set(JsonObject obj, string key, JsonNode value)
    {
        if (obj[key] is null)
        {
            obj[key] = value;
        }
    }

    public static IEnumerable<JsonObject> Objects(JsonNode? array) =>
        array is JsonArray a ? a.OfType<JsonObject>() : [];
}
