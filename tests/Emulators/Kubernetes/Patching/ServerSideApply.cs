using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Patching;

/// <summary>
/// Server-side apply at leaf-field granularity: merges the applied configuration, removes fields this manager
/// applied before and no longer applies (unless another manager owns them), and answers 409 when another manager
/// owns a field with a different value, unless forced (which transfers ownership).
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Apply(ResourceType type, JsonObject live, JsonObject applied, string manager, bool force,
        string apiVersion, DateTimeOffset now)
    {
        var appliedLeaves = FieldPaths.Leaves(applied);
        var liveLeaves = FieldPaths.Leaves(live);
        var entries = ManagedFields.Read(live);
        var conflicts = new List<(ManagedFieldsEntry Entry, string Path)>();
        foreach (var entry in entries.Where(e => e.Manager != manager))
        {
            foreach (var path in entry.Fields.Where(appliedLeaves.ContainsKey))
            {
                if (!liveLeaves.TryGetValue(path, out var value) || !JsonNode.DeepEquals(value, appliedLeaves[path]))
                {
                    conflicts.Add((entry, path));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(conflicts);
        }

        foreach (var (entry, path) in conflicts)
        {
            entry.Fields.Remove(path);
        }

        var own = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply" && e.Subresource.Length == 0);
        var previous = own?.Fields ?? [];
        var result = (JsonObject)Merge(Json.Json.Clone(live), applied, "")!;
        var ownedByOthers = entries.Where(e => e != own).SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
        foreach (var path in previous.Where(p => !appliedLeaves.ContainsKey(p) && !ownedByOthers.Contains(p)))
        {
            RemovePath(result, path.Split(FieldPaths.Separator));
        }

        entries.Remove(own!);
        entries.Add(new ManagedFieldsEntry(manager, "Apply", apiVersion, Json.Json.Timestamp(now), "",
            appliedLeaves.Keys.ToHashSet(StringComparer.Ordinal)));
        ManagedFields.Write(result, entries);
        return result;
    }

    private static ApiException Conflict(List<(ManagedFieldsEntry Entry, string Path)> conflicts)
    {
        var count = conflicts.Count;
        var message = count == 1
            ? $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Entry.Manager}\"" +
                Using(conflicts[0].Entry) + $": {FieldPaths.Display(conflicts[0].Path)}"
            : $"Apply failed with {count} conflicts: " + string.Join("\n", conflicts.GroupBy(c => c.Entry.Manager)
                .Select(g => $"conflicts with \"{g.Key}\"{Using(g.First().Entry)}:\n" +
                    string.Join("\n", g.Select(c => "- " + FieldPaths.Display(c.Path)))));
        var causes = new JsonArray([.. conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Entry.Manager}\"{Using(c.Entry)}",
            ["field"] = FieldPaths.Display(c.Path),
        })]);
        return new ApiException(409, ApiErrors.Body(409, "Conflict", message, new JsonObject { ["causes"] = causes }));
    }

    private static string Using(ManagedFieldsEntry entry) =>
        entry.Operation == "Apply" ? "" : $" using {entry.ApiVersion}";

    private static JsonNode? Merge(JsonNode? live, JsonNode? applied, string field)
    {
        switch (applied)
        {
            case JsonObject appliedObject:
                var result = live as JsonObject ?? new JsonObject();
                foreach (var (key, value) in appliedObject)
                {
                    var existing = result[key];
                    var merged = Merge(existing is null ? null : existing.DeepClone(), value, key);
                    result[key] = merged;
                }

                return result;
            case JsonArray appliedList when live is JsonArray liveList &&
                FieldPaths.MergeKey(field, appliedList) is { } key &&
                appliedList.All(e => e is JsonObject o && o.ContainsKey(key)):
                var list = (JsonArray)liveList.DeepClone();
                foreach (var element in appliedList.OfType<JsonObject>())
                {
                    var match = list.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[key], element[key]));
                    if (match is null)
                    {
                        list.Add(element.DeepClone());
                    }
                    else
                    {
                        var index = list.IndexOf(match);
                        list[index] = Merge(match.DeepClone(), element, "");
                    }
                }

                return list;
            default:
                return applied?.DeepClone();
        }
    }

    private static void RemovePath(JsonNode? node, string[] path)
    {
        for (var i = 0; i < path.Length && node is not null; i++)
        {
            var element = path[i];
            var last = i == path.Length - 1;
            if (element.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject obj)
            {
                if (last)
                {
                    obj.Remove(element[2..]);
                    return;
                }

                node = obj[element[2..]];
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal) && node is JsonArray list &&
                JsonNode.Parse(element[2..]) is JsonObject key)
            {
                var match = list.OfType<JsonObject>().FirstOrDefault(e => key.All(kv => JsonNode.DeepEquals(e[kv.Key], kv.Value)));
                if (last && match is not null)
                {
                    list.Remove(match);
                    return;
                }

                node = match;
            }
            else
            {
                return;
            }
        }
    }
}
