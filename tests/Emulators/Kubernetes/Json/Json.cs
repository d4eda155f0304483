using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Json;

/// <summary>Small helpers over System.Text.Json.Nodes, the emulator's only object model.</summary>
internal static class Json
{
    /// <summary>Compact output without HTML escaping, like the apiserver's encoder.</summary>
    public static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    public static JsonObject Clone(JsonObject node) => (JsonObject)node.DeepClone();

    public static JsonObject Obj(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static JsonObject Metadata(this JsonObject obj) => obj.Obj("metadata");

    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;

    public static string? AsString(this JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static string Name(this JsonObject obj) => obj["metadata"].Str("name") ?? "";

    public static string? Namespace(this JsonObject obj) => obj["metadata"].Str("namespace");

    public static string? Uid(this JsonObject obj) => obj["metadata"].Str("uid");

    public static long ResourceVersion(this JsonObject obj) =>
        long.TryParse(obj["metadata"].Str("resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture,
            out var rv) ? rv : 0;

    public static bool IsTerminating(this JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static List<string> Finalizers(this JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a ? a.Select(f => f.AsString() ?? "").ToList() : [];

    public static void SetFinalizers(this JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        if (list.Count == 0)
        {
            obj.Metadata().Remove("finalizers");
        }
        else
        {
            obj.Metadata()["finalizers"] = new JsonArray(list.Select(f => (JsonNode?)f).ToArray());
        }
    }

    public static Dictionary<string, string> Labels(this JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                map[key] = value.AsString() ?? value?.ToJsonString() ?? "";
            }
        }

        return map;
    }

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    /// <summary>The value at a dotted path (<c>spec.size</c>), or null.</summary>
    public static JsonNode? At(this JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    public static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number &&
            double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };

    /// <summary>How Go's %v prints a value in field errors: strings quoted, numbers plain.</summary>
    public static string GoValue(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "\"" + v.GetValue<string>() + "\"",
        _ => node.ToJsonString(Compact),
    };

    /// <summary>RFC 3339 with seconds precision, the apiserver's <c>metav1.Time</c> format.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
