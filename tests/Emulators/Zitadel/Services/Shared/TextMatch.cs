using System.Text.Json.Nodes;
using Emulators.Zitadel.Json;

namespace Emulators.Zitadel.Services.Shared;

/// <summary>
/// <c>TEXT_QUERY_METHOD_*</c> (user/org queries) and <c>TEXT_FILTER_METHOD_*</c> (newer filters): the same eight
/// methods in the same order, given by name or number.
/// </summary>
internal static class TextMatch
{
    public const string QueryPrefix = "TEXT_QUERY_METHOD_";
    public const string FilterPrefix = "TEXT_FILTER_METHOD_";

    private static readonly string[] Methods =
    [
        "EQUALS", "EQUALS_IGNORE_CASE", "STARTS_WITH", "STARTS_WITH_IGNORE_CASE",
        "CONTAINS", "CONTAINS_IGNORE_CASE", "ENDS_WITH", "ENDS_WITH_IGNORE_CASE",
    ];

    /// <summary>
    /// A predicate for the value in <paramref name="valueField"/> with the <c>method</c> of the filter.
    /// </summary>
    public static Func<string?, bool> Parse(JsonObject filter, string valueField, string prefix)
    {
        var expected = filter.Str(valueField) ?? string.Empty;
        var method = filter.Enum("method", Methods.Select(name => prefix + name).ToList());
        var comparison = method % 2 == 1 ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return (method / 2) switch
        {
            0 => actual => string.Equals(actual ?? string.Empty, expected, comparison),
            1 => actual => (actual ?? string.Empty).StartsWith(expected, comparison),
            2 => actual => (actual ?? string.Empty).Contains(expected, comparison),
            _ => actual => (actual ?? string.Empty).EndsWith(expected, comparison),
        };
    }
}
