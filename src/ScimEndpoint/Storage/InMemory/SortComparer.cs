using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage.InMemory;

/// <summary>
/// RFC 7644 §3.4.2.3 ordering by one attribute: a multi-valued attribute sorts by its primary (or first) value,
/// resources without a value come last in either direction, and ties keep creation order.
/// </summary>
/// <remarks>Note: compares values itself until the shared ScimValueComparer of the filter engine exists.</remarks>
internal sealed class SortComparer(ResolvedAttribute attribute, bool descending)
{
    public int Compare((StoredSlot Slot, JsonObject Resource) x, (StoredSlot Slot, JsonObject Resource) y)
    {
        var left = SortValue(x.Resource);
        var right = SortValue(y.Resource);
        int result;
        if (left is null || right is null)
        {
            result = left is null ? (right is null ? 0 : 1) : -1;
        }
        else
        {
            result = CompareValues(left, right);
            result = descending ? -result : result;
        }

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

    private int CompareValues(JsonNode left, JsonNode right)
    {
        if (left is not JsonValue l || right is not JsonValue r)
        {
            return 0;
        }

        switch (attribute.Target?.Type)
        {
            case AttributeType.Boolean when l.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return l.GetValue<bool>().CompareTo(r.GetValueKind() == JsonValueKind.True);
            case AttributeType.Integer or AttributeType.Decimal
                when l.TryGetValue<decimal>(out var a) && r.TryGetValue<decimal>(out var b):
                return a.CompareTo(b);
            case AttributeType.DateTime when TryDate(l, out var a) && TryDate(r, out var b):
                return a.CompareTo(b);
        }

        var comparison = attribute.Target?.CaseExact == true ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return string.Compare(l.ToString(), r.ToString(), comparison);
    }

    private static bool TryDate(JsonValue value, out DateTimeOffset date)
    {
        date = default;
        return value.TryGetValue<string>(out var text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }
}
