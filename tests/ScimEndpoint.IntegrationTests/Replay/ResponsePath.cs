using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>
/// Resolves an expectation key against a response document. Forms: <c>a.b</c>, <c>a[0].b</c>, <c>a[].b</c> (every
/// element: a list), <c>emails[type eq "work"].value</c> (the matching elements) and an extension URN key followed
/// by <c>.attribute</c>. Attribute names compare ignoring case, as in SCIM.
/// </summary>
internal static class ResponsePath
{
    /// <summary>The nodes found (a present JSON null is a null entry) and whether the key asked for a list.</summary>
    internal sealed record Result(IReadOnlyList<JsonNode?> Nodes, bool IsList);

    public static Result Resolve(JsonNode? document, string key)
    {
        IReadOnlyList<JsonNode?> current = [document];
        var remaining = key;
        if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            // The URN itself contains dots, so take the longest property name of the document that prefixes the key.
            var urn = (document as JsonObject)?.Select(property => property.Key)
                .Where(name => key.Equals(name, StringComparison.OrdinalIgnoreCase) ||
                               key.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase))
                .MaxBy(name => name.Length);
            if (urn is null)
            {
                return new Result([], IsList: false);
            }

            current = Child(current, urn);
            remaining = key.Length == urn.Length ? "" : key[(urn.Length + 1)..];
        }

        var isList = false;
        foreach (var segment in Split(remaining))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            if (name.Length > 0)
            {
                current = Child(current, name);
            }

            if (bracket < 0)
            {
                continue;
            }

            var selector = segment[(bracket + 1)..^1].Trim();
            isList |= selector.Length == 0;
            current = Select(current, selector);
        }

        return new Result(current, isList);
    }

    /// <summary>Splits on dots outside brackets and quotes.</summary>
    internal static IEnumerable<string> Split(string key)
    {
        var start = 0;
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < key.Length; i++)
        {
            switch (key[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '[' when !quoted:
                    depth++;
                    break;
                case ']' when !quoted:
                    depth--;
                    break;
                case '.' when !quoted && depth == 0:
                    yield return key[start..i];
                    start = i + 1;
                    break;
            }
        }

        if (start < key.Length)
        {
            yield return key[start..];
        }
    }

    private static List<JsonNode?> Child(IEnumerable<JsonNode?> nodes, string name)
    {
        var found = new List<JsonNode?>();
        foreach (var node in nodes.OfType<JsonObject>())
        {
            foreach (var (key, value) in node)
            {
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(value);
                    break;
                }
            }
        }

        return found;
    }

    private static List<JsonNode?> Select(IEnumerable<JsonNode?> nodes, string selector)
    {
        var elements = nodes.OfType<JsonArray>().SelectMany(array => array).ToList();
        if (selector.Length == 0)
        {
            return elements;
        }

        if (int.TryParse(selector, out var index))
        {
            return index >= 0 && index < elements.Count ? [elements[index]] : [];
        }

        // Value filter "attr eq <json literal>": the only form the replay file uses.
        var parts = selector.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !parts[1].Equals("eq", StringComparison.OrdinalIgnoreCase))
        {
            throw new ReplayException($"unsupported selector [{selector}] (only [], [n] and [attr eq value])");
        }

        var wanted = JsonNode.Parse(parts[2]);
        return elements
            .Where(element => Child([element], parts[0]) is [var value] && ValuesEqual(value, wanted))
            .ToList();
    }

    private static bool ValuesEqual(JsonNode? actual, JsonNode? wanted) =>
        actual is JsonValue a && wanted is JsonValue w && a.TryGetValue<string>(out var left) &&
        w.TryGetValue<string>(out var right)
            ? left.Equals(right, StringComparison.OrdinalIgnoreCase)
            : JsonNode.DeepEquals(actual, wanted);
}
