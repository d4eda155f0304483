using System.Text.Json.Nodes;

namespace Emulators.Kubernetes.Patching;

/// <summary>
/// Strategic merge patch for builtin kinds: merge keys by field name (<see cref="FieldPaths.MergeKey"/>),
/// <c>finalizers</c> as a set, and the directives <c>$patch</c> (replace, delete, merge),
/// <c>$setElementOrder/…</c>, <c>$deleteFromPrimitiveList/…</c> and <c>$retainKeys</c>.
/// </summary>
internal static class StrategicMergePatch
{
    public static JsonObject Apply(JsonObject original, JsonObject patch) =>
        MergeMap(original, patch) ?? new JsonObject();

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch)
    {
        switch (patch["$patch"]?.GetValue<string>())
        {
            case "delete":
                return null;
            case "replace":
                return Strip(patch);
            default:
                break;
        }

        var result = original;
        var orders = new List<(string Field, JsonArray Order)>();
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) && value is JsonArray order)
            {
                orders.Add((key["$setElementOrder/".Length..], order));
            }
            else if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && value is JsonArray gone)
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list)
                {
                    foreach (var item in list.Where(i => gone.Any(g => JsonNode.DeepEquals(g, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }
            }
            else if (key.StartsWith('$'))
            {
                continue;
            }
            else if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject child)
            {
                var existing = result[key] as JsonObject;
                var merged = MergeMap(existing ?? new JsonObject(), child);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else if (!ReferenceEquals(merged, existing))
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray array)
            {
                result[key] = MergeList(result[key] as JsonArray, array, key);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        foreach (var (field, order) in orders)
        {
            if (result[field] is JsonArray list)
            {
                result[field] = Reorder(list, order, field);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var (key, _) in result.ToList().Where(kv => !keep.Contains(kv.Key)))
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, string field)
    {
        if (patch.Any(e => e is JsonObject o && o["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray([.. patch.Where(e => !(e is JsonObject o && o.ContainsKey("$patch"))).Select(e => e?.DeepClone())]);
        }

        if (field == "finalizers")
        {
            var set = original?.DeepClone() as JsonArray ?? [];
            foreach (var item in patch.Where(p => !set.Any(s => JsonNode.DeepEquals(s, p))))
            {
                set.Add(item?.DeepClone());
            }

            return set;
        }

        var mergeKey = FieldPaths.MergeKey(field, patch.Count > 0 ? patch : original ?? patch);
        if (mergeKey is null || original is null || !patch.All(e => e is JsonObject o && o.ContainsKey(mergeKey)))
        {
            return new JsonArray([.. patch.Where(e => !(e is JsonObject o && o["$patch"] is not null))
                .Select(e => e is JsonObject o ? Strip(o) : e?.DeepClone())]);
        }

        var result = (JsonArray)original.DeepClone();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var existing = result.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[mergeKey], element[mergeKey]));
            if (element["$patch"]?.GetValue<string>() == "delete")
            {
                if (existing is not null)
                {
                    result.Remove(existing);
                }
            }
            else if (existing is not null)
            {
                var index = result.IndexOf(existing);
                var merged = MergeMap((JsonObject)existing.DeepClone(), element);
                result.RemoveAt(index);
                if (merged is not null)
                {
                    result.Insert(index, merged);
                }
            }
            else
            {
                result.Add(Strip(element));
            }
        }

        return result;
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string field)
    {
        var mergeKey = FieldPaths.MergeKey(field, list);
        JsonNode? Key(JsonNode? n) => mergeKey is not null && n is JsonObject o ? o[mergeKey] : n;
        var items = list.Select(n => n?.DeepClone()).ToList();
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var match = items.FirstOrDefault(i => JsonNode.DeepEquals(Key(i), Key(wanted)));
            if (match is not null || items.Any(i => i is null && wanted is null))
            {
                ordered.Add(match);
                items.Remove(match);
            }
        }

        return new JsonArray([.. ordered, .. items]);
    }

    private static JsonObject Strip(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj.Where(kv => !kv.Key.StartsWith('$')))
        {
            copy[key] = value is JsonObject child ? Strip(child) : value?.DeepClone();
        }

        return copy;
    }
}
