using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Tables;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>[0]</c>, <c>[*]</c>, <c>['x.y']</c> and
/// <c>[?(@.type=="Ready")]</c>.
/// </summary>
internal static class JsonPath
{
    public static List<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var current = new List<JsonNode?> { root };
        var i = 0;
        path = path.Trim().TrimStart('{').TrimEnd('}').Trim();
        while (i < path.Length && current.Count > 0)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                var name = path[(i + 1)..end];
                if (name.Length > 0)
                {
                    current = [.. current.Select(n => n is JsonObject o ? o[name] : null).Where(n => n is not null)];
                }

                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }

                current = Index(current, path[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return current;
    }

    private static List<JsonNode?> Index(List<JsonNode?> nodes, string index)
    {
        if (index == "*")
        {
            return [.. nodes.SelectMany(n => n switch
            {
                JsonArray a => a.AsEnumerable(),
                JsonObject o => o.Select(kv => kv.Value),
                _ => [],
            })];
        }

        if (index.StartsWith('\'') || index.StartsWith('"'))
        {
            var key = index.Trim('\'', '"');
            return [.. nodes.Select(n => n is JsonObject o ? o[key] : null).Where(n => n is not null)];
        }

        if (index.StartsWith("?(", StringComparison.Ordinal) && index.EndsWith(')'))
        {
            var condition = index[2..^1];
            var eq = condition.IndexOf("==", StringComparison.Ordinal);
            if (eq < 0)
            {
                return [];
            }

            var field = condition[..eq].Trim().TrimStart('@');
            var expected = condition[(eq + 2)..].Trim().Trim('"', '\'');
            return [.. nodes.OfType<JsonArray>().SelectMany(a => a).Where(e =>
                Evaluate(e, field).FirstOrDefault() is { } v && (v.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? v.GetValue<string>() : v.ToJsonString()) == expected)];
        }

        return int.TryParse(index, out var i)
            ? [.. nodes.OfType<JsonArray>().Select(a => i >= 0 && i < a.Count ? a[i] : i < 0 && -i <= a.Count ? a[a.Count + i] : null)
                .Where(n => n is not null)]
            : [];
    }
}
