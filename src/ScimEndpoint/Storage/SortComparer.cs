using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

using ScimEndpoint.Storage.InMemory;

namespace ScimEndpoint.Storage;

/// <summary>
/// RFC 7644 §3.4.2.3 ordering by one attribute with <see cref="ScimValueComparer"/>: a multi-valued attribute
/// sorts by its primary (or else first) value. Shared by the stores that sort in memory.
/// </summary>
internal sealed class SortComparer(ResolvedAttribute attribute, bool descending) : IComparer<JsonObject>
{
    /// <summary>Orders by the attribute alone; use a stable sort so ties keep their order.</summary>
    public int Compare(JsonObject? x, JsonObject? y)
    {
        var result = attribute.Target is { } target
            ? ScimValueComparer.Compare(target, x is null ? null : SortValue(x), y is null ? null : SortValue(y))
            : 0;
        return descending ? -result : result;
    }

    /// <summary>Orders stored slots; ties keep creation order.</summary>
    public int Compare((StoredSlot Slot, JsonObject Resource) x, (StoredSlot Slot, JsonObject Resource) y)
    {
        var result = Compare(x.Resource, y.Resource);
        return result != 0 ? result : x.Slot.Sequence.CompareTo(y.Slot.Sequence);
    }

    private JsonNode? SortValue(JsonObject resource)
    {
        JsonNode? first = null;
        foreach (var value in ResourceValues.Select(resource, attribute))
        {
            first ??= value;
            if (attribute.SubAttribute is null && value is JsonObject element && (bool?)element["primary"] == true)
            {
                return element["value"];
            }
        }

        return first is JsonObject complex ? complex["value"] : first;
    }
}
