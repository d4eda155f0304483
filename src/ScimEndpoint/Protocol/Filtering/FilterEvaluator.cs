using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>Evaluates a filter AST against normalized resources, driven by the schema.</summary>
/// <remarks>
/// A comparison on a multi-valued attribute holds when any value holds; on a multi-valued complex attribute without a
/// sub-attribute (<c>emails co "x"</c>) it compares each element's <c>value</c>. <c>ne</c> is <c>not eq</c>, so it
/// holds when the attribute is absent; <c>eq null</c> holds when it is absent. Resources are only read.
/// </remarks>
internal static class FilterEvaluator
{
    /// <summary>Checks that every path in the filter names an attribute of the type; throws 400 invalidFilter.</summary>
    /// <remarks>Also refuses what RFC 7644 §3.4.2.2 rules out: ordering booleans, binaries and complex values, and
    /// <c>co</c>/<c>sw</c>/<c>ew</c> on booleans, numbers and dateTimes.</remarks>
    public static void Validate(ResourceTypeDefinition type, FilterNode filter) => Check(FilterScope.Of(type), filter);

    /// <summary>Whether the resource matches. Call <see cref="Validate"/> first: this throws 400 invalidFilter only
    /// for an unknown attribute, and a misused operator simply does not match.</summary>
    public static bool Matches(ResourceTypeDefinition type, JsonObject resource, FilterNode filter) =>
        Evaluate(FilterScope.Of(type), resource, filter);

    /// <summary>Evaluates a value-path filter against one element of a multi-valued complex attribute.</summary>
    public static bool MatchesElement(SchemaAttribute multiValued, JsonNode element, FilterNode filter) =>
        Evaluate(FilterScope.Within(multiValued), element, filter);

    private static void Check(FilterScope scope, FilterNode filter)
    {
        switch (filter)
        {
            case AndFilter and:
                Check(scope, and.Left);
                Check(scope, and.Right);
                break;
            case OrFilter or:
                Check(scope, or.Left);
                Check(scope, or.Right);
                break;
            case NotFilter not:
                Check(scope, not.Inner);
                break;
            case PresentFilter present:
                scope.Resolve(present.Path);
                break;
            case CompareFilter compare:
                CheckOperator(compare, Compared(scope.Resolve(compare.Path)).Target);
                break;
            case ValuePathFilter valuePath:
                Check(FilterScope.Within(scope.ResolveMultiValued(valuePath.Path).Attribute!), valuePath.Filter);
                break;
            default:
                throw new UnreachableException($"Unknown filter node {filter.GetType().Name}.");
        }
    }

    private static void CheckOperator(CompareFilter compare, SchemaAttribute? target)
    {
        var name = FilterLexer.Echo(compare.Path.ToString());
        var op = compare.Operator.ToString().ToLowerInvariant();
        if (target is null || target.IsComplex)
        {
            throw ScimErrors.InvalidFilter(
                $"'{name}' is complex and cannot be compared with '{op}'; compare one of its sub-attributes.");
        }

        var ordering = compare.Operator is CompareOperator.Gt or CompareOperator.Ge or CompareOperator.Lt
            or CompareOperator.Le;
        var substring = compare.Operator is CompareOperator.Co or CompareOperator.Sw or CompareOperator.Ew;
        var refused = target.Type switch
        {
            AttributeType.Boolean => ordering || substring,
            AttributeType.Binary => ordering,
            AttributeType.DateTime or AttributeType.Decimal or AttributeType.Integer => substring,
            _ => false,
        };
        if (refused)
        {
            throw ScimErrors.InvalidFilter(
                $"'{op}' cannot be used on '{name}', a {target.Type.ToString().ToLowerInvariant()} attribute.");
        }
    }

    private static bool Evaluate(FilterScope scope, JsonNode context, FilterNode filter) => filter switch
    {
        AndFilter and => Evaluate(scope, context, and.Left) && Evaluate(scope, context, and.Right),
        OrFilter or => Evaluate(scope, context, or.Left) || Evaluate(scope, context, or.Right),
        NotFilter not => !Evaluate(scope, context, not.Inner),
        PresentFilter present => scope.Select(context, scope.Resolve(present.Path)).Any(IsPresent),
        CompareFilter compare => EvaluateCompare(scope, context, compare),
        ValuePathFilter valuePath => EvaluateValuePath(scope, context, valuePath),
        _ => throw new UnreachableException($"Unknown filter node {filter.GetType().Name}."),
    };

    private static bool EvaluateCompare(FilterScope scope, JsonNode context, CompareFilter compare)
    {
        var resolved = Compared(scope.Resolve(compare.Path));
        var values = scope.Select(context, resolved);
        if (compare.Value is null)
        {
            return compare.Operator switch
            {
                CompareOperator.Eq => !values.Any(),
                CompareOperator.Ne => values.Any(),
                _ => false,
            };
        }

        if (resolved.Target is not { } target)
        {
            return false;
        }

        return compare.Operator == CompareOperator.Ne
            ? !values.Any(v => ValueComparison.Matches(target, v, CompareOperator.Eq, compare.Value))
            : values.Any(v => ValueComparison.Matches(target, v, compare.Operator, compare.Value));
    }

    private static bool EvaluateValuePath(FilterScope scope, JsonNode context, ValuePathFilter valuePath)
    {
        var resolved = scope.ResolveMultiValued(valuePath.Path);
        var inner = FilterScope.Within(resolved.Attribute!);
        return scope.Select(context, resolved).Any(element => Evaluate(inner, element, valuePath.Filter));
    }

    /// <summary>
    /// RFC 7644 §3.4.2.2: a filter on a multi-valued complex attribute without a sub-attribute compares its
    /// <c>value</c> sub-attribute.
    /// </summary>
    private static ResolvedAttribute Compared(ResolvedAttribute resolved) =>
        resolved is { SubAttribute: null, Attribute: { MultiValued: true, IsComplex: true } attribute }
            && attribute.FindSubAttribute("value") is { } value
            ? resolved with { SubAttribute = value }
            : resolved;

    /// <summary><c>pr</c>: the value is not null, not "", and not an empty array or object.</summary>
    private static bool IsPresent(JsonNode node) => node switch
    {
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        _ => node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Length > 0,
    };
}
