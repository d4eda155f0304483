using System.Text.Json.Nodes;
using Emulators.Kubernetes.Api;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Patching;

/// <summary>
/// <c>metadata.managedFields</c> bookkeeping at leaf granularity: Update writes take ownership of the fields they
/// change (taking them from other managers); Apply entries are maintained by <see cref="ServerSideApply"/>.
/// </summary>
internal static class ManagedFields
{
    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (obj["metadata"]?["managedFields"] is not JsonArray array)
        {
            return entries;
        }

        foreach (var e in array.OfType<JsonObject>())
        {
            var fields = new HashSet<string>(StringComparer.Ordinal);
            if (e["fieldsV1"] is JsonObject f)
            {
                Flatten(f, "", fields);
            }

            entries.Add(new ManagedFieldsEntry(e.Str("manager") ?? "", e.Str("operation") ?? "Update",
                e.Str("apiVersion") ?? "", e.Str("time") ?? "", e.Str("subresource") ?? "", fields));
        }

        return entries;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries.Where(e => e.Fields.Count > 0))
        {
            var entry = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = Nest(e.Fields),
            };
            if (e.Subresource.Length > 0)
            {
                entry["subresource"] = e.Subresource;
            }

            array.Add(entry);
        }

        if (array.Count == 0)
        {
            obj.Metadata().Remove("managedFields");
        }
        else
        {
            obj.Metadata()["managedFields"] = array;
        }
    }

    /// <summary>Records an Update (create, update, non-apply patch) by <paramref name="options"/>' manager.</summary>
    public static void Record(JsonObject? current, JsonObject candidate, WriteOptions options, string apiVersion,
        string subresource, DateTimeOffset now)
    {
        if (options.Operation == "Apply")
        {
            return;
        }

        var before = current is null ? [] : FieldPaths.Leaves(current);
        var after = FieldPaths.Leaves(candidate);
        var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || !JsonNode.DeepEquals(old, kv.Value))
            .Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).ToHashSet(StringComparer.Ordinal);
        var entries = current is null ? [] : Read(current);
        foreach (var e in entries)
        {
            e.Fields.ExceptWith(changed);
            e.Fields.ExceptWith(removed);
        }

        var own = entries.FirstOrDefault(e =>
            e.Manager == options.FieldManager && e.Operation == "Update" && e.Subresource == subresource);
        if (own is null && changed.Count > 0)
        {
            own = new ManagedFieldsEntry(options.FieldManager, "Update", apiVersion, "", subresource, []);
            entries.Add(own);
        }

        if (own is not null && changed.Count > 0)
        {
            own.Fields.UnionWith(changed);
            entries[entries.IndexOf(own)] = own with { Time = Json.Json.Timestamp(now), ApiVersion = apiVersion };
        }

        Write(candidate, entries);
    }

    private static void Flatten(JsonObject node, string prefix, HashSet<string> fields)
    {
        foreach (var (key, value) in node)
        {
            if (key == ".")
            {
                continue;
            }

            var path = prefix.Length == 0 ? key : prefix + FieldPaths.Separator + key;
            if (value is JsonObject { Count: > 0 } child && child.Any(kv => kv.Key != "."))
            {
                Flatten(child, path, fields);
            }
            else
            {
                fields.Add(path);
            }
        }
    }

    private static JsonObject Nest(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.OrderBy(p => p, StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Split(FieldPaths.Separator))
            {
                node = node.Obj(element);
            }
        }

        return root;
    }
}
