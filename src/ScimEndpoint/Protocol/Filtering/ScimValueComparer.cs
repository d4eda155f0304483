using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>Orders attribute values for <c>sortBy</c> (RFC 7644 §3.4.2.3), by the attribute's SCIM type.</summary>
/// <remarks>
/// The order is ascending with missing and null values last; a caller sorting descending reverses the result, which
/// puts them first, as the RFC asks. For a multi-valued attribute the caller passes one value: the primary one, or
/// else the first. A value that is not of the attribute's type (a date that does not parse) sorts after every value
/// that is, and such values compare by their JSON text.
/// </remarks>
internal static class ScimValueComparer
{
    public static int Compare(SchemaAttribute attribute, JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return (left is null).CompareTo(right is null);
        }

        return attribute.Type switch
        {
            AttributeType.Boolean => Order(JsonScalar.AsBoolean(left), JsonScalar.AsBoolean(right)),
            AttributeType.Decimal or AttributeType.Integer =>
                Order(JsonScalar.AsDecimal(left), JsonScalar.AsDecimal(right)),
            AttributeType.DateTime => Order(JsonScalar.AsDateTime(left), JsonScalar.AsDateTime(right)),
            AttributeType.Complex => null,
            _ => OrderStrings(attribute, JsonScalar.AsString(left), JsonScalar.AsString(right)),
        } ?? string.CompareOrdinal(left.ToJsonString(), right.ToJsonString());
    }

    private static int? Order<T>(T? left, T? right)
        where T : struct, IComparable<T> =>
        (left, right) switch
        {
            ({ } a, { } b) => a.CompareTo(b),
            (null, null) => null,
            _ => left is null ? 1 : -1,
        };

    private static int? OrderStrings(SchemaAttribute attribute, string? left, string? right) =>
        (left, right) switch
        {
            ({ } a, { } b) => string.Compare(
                a, b, attribute.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase),
            (null, null) => null,
            _ => left is null ? 1 : -1,
        };
}
