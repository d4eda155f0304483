using System.Globalization;
using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;

namespace Emulators.Kubernetes.Patching;

/// <summary>
/// RFC 6902 JSON patch (add, remove, replace, move, copy, test). A malformed patch is a 400; an operation that
/// cannot apply is a 422, as the apiserver answers.
/// </summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonNode? patch, Func<string, ApiException> invalid)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiErrors.BadRequest("the server rejected our request due to an error in our request");
        }

        foreach (var op in operations)
        {
            if (op is not JsonObject o || o["op"]?.GetValue<string>() is not { } name || o["path"]?.GetValue<string>() is not { } path)
            {
                throw ApiErrors.BadRequest("the server rejected our request due to an error in our request");
            }

            switch (name)
            {
                case "add":
                    Add(target, path, o["value"]?.DeepClone(), invalid);
                    break;
                case "remove":
                    Remove(target, path, invalid);
                    break;
                case "replace":
                    Remove(target, path, invalid);
                    Add(target, path, o["value"]?.DeepClone(), invalid);
                    break;
                case "move":
                    var moved = Get(target, From(o), invalid);
                    Remove(target, From(o), invalid);
                    Add(target, path, moved, invalid);
                    break;
                case "copy":
                    Add(target, path, Get(target, From(o), invalid)?.DeepClone(), invalid);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(target, path, invalid), o["value"]))
                    {
                        throw invalid($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw ApiErrors.BadRequest($"Unexpected kind: {name}");
            }
        }

        return target;
    }

    private static string From(JsonObject o) =>
        o["from"]?.GetValue<string>() ?? throw ApiErrors.BadRequest("the server rejected our request due to an error in our request");

    private static string[] Tokens(string path) => path.Length == 0
        ? []
        : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode root, string path, Func<string, ApiException> invalid)
    {
        JsonNode? node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw invalid($"jsonpatch: path {path} does not exist"),
            };
        }

        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path, Func<string, ApiException> invalid)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            throw invalid("jsonpatch: the root document cannot be replaced");
        }

        var parentPath = path[..path.LastIndexOf('/')];
        return (Get(root, parentPath, invalid) ?? throw invalid($"jsonpatch: path {path} does not exist"), tokens[^1]);
    }

    private static void Add(JsonNode root, string path, JsonNode? value, Func<string, ApiException> invalid)
    {
        var (parent, last) = Parent(root, path, invalid);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw invalid($"jsonpatch: add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static void Remove(JsonNode root, string path, Func<string, ApiException> invalid)
    {
        var (parent, last) = Parent(root, path, invalid);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw invalid($"jsonpatch: remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }
}
