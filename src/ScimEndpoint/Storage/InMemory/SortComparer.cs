using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage.InMemory;

/// <summary>
/// RFC 7644 §3.4.2.3 ordering by one attribute with <see cref="ScimValueComparer"/>: a multi-valued attribute
/// sorts by its primary (or else first) value; ties keep creation order.
/// </summary>
internal sealed class SortComparer(ResolvedAttribute attribute, bool descending)
{
    public int Compare((StoredSlot Slot, JsonObject Resource) x, (StoredSlot Slot, JsonObject Resource) y)
    {
        var result = attribute.Target is { } target
            ? ScimValueComparer.Compare(target, SortValue(x.Resource), SortValue(y.Resource))
            : 0;
        result = descending ? -result : result;
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
