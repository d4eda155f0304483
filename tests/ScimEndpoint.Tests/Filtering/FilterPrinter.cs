using System.Globalization;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Tests.Filtering;

/// <summary>
/// Prints an AST as a compact prefix form, e.g. <c>(and (eq userName "x") (pr title))</c>, so table tests can state
/// the expected tree as text. A URN prefix prints in angle brackets to show where the path was split.
/// </summary>
internal static class FilterPrinter
{
    public static string Print(FilterNode node) => node switch
    {
        CompareFilter compare =>
            $"({compare.Operator.ToString().ToLowerInvariant()} {Print(compare.Path)} {PrintValue(compare.Value)})",
        PresentFilter present => $"(pr {Print(present.Path)})",
        AndFilter and => $"(and {Print(and.Left)} {Print(and.Right)})",
        OrFilter or => $"(or {Print(or.Left)} {Print(or.Right)})",
        NotFilter not => $"(not {Print(not.Inner)})",
        ValuePathFilter valuePath => $"({Print(valuePath.Path)}[] {Print(valuePath.Filter)})",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    public static string Print(AttributePath path)
    {
        var name = path.SubAttribute is null ? path.Name : $"{path.Name}.{path.SubAttribute}";
        return path.SchemaUrn is null ? name : $"<{path.SchemaUrn}>{name}";
    }

    public static string Print(PatchPath path) =>
        Print(path.Attribute)
        + (path.ValueFilter is null ? "" : $"[{Print(path.ValueFilter)}]")
        + (path.SubAttribute is null ? "" : $".{path.SubAttribute}");

    private static string PrintValue(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        _ => $"?{value.GetType().Name}",
    };
}
