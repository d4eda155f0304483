using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>Tests one stored value against a filter literal, by the attribute's SCIM type.</summary>
internal static class ValueComparison
{
    /// <summary>
    /// Whether <paramref name="actual"/> satisfies <c>actual op expected</c>. A value or literal that is not of the
    /// attribute's type does not match. <see cref="CompareOperator.Ne"/> and null literals are the caller's job.
    /// </summary>
    public static bool Matches(SchemaAttribute attribute, JsonNode actual, CompareOperator op, object expected) =>
        attribute.Type switch
        {
            AttributeType.Boolean => op == CompareOperator.Eq
                && JsonScalar.AsBoolean(actual) is { } flag && flag == JsonScalar.AsBoolean(expected),
            AttributeType.Decimal or AttributeType.Integer =>
                Order(JsonScalar.AsDecimal(actual), JsonScalar.AsDecimal(expected), op),
            AttributeType.DateTime => Order(JsonScalar.AsDateTime(actual), JsonScalar.AsDateTime(expected), op),
            AttributeType.Complex => false,
            _ => MatchesString(attribute, JsonScalar.AsString(actual), JsonScalar.AsString(expected), op),
        };

    private static bool MatchesString(SchemaAttribute attribute, string? actual, string? expected, CompareOperator op)
    {
        if (actual is null || expected is null)
        {
            return false;
        }

        var comparison = attribute.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return op switch
        {
            CompareOperator.Co => actual.Contains(expected, comparison),
            CompareOperator.Sw => actual.StartsWith(expected, comparison),
            CompareOperator.Ew => actual.EndsWith(expected, comparison),
            _ => Holds(string.Compare(actual, expected, comparison), op),
        };
    }

    private static bool Order<T>(T? actual, T? expected, CompareOperator op)
        where T : struct, IComparable<T> =>
        actual is { } left && expected is { } right && Holds(left.CompareTo(right), op);

    private static bool Holds(int order, CompareOperator op) => op switch
    {
        CompareOperator.Eq => order == 0,
        CompareOperator.Gt => order > 0,
        CompareOperator.Ge => order >= 0,
        CompareOperator.Lt => order < 0,
        CompareOperator.Le => order <= 0,
        _ => false,
    };
}
