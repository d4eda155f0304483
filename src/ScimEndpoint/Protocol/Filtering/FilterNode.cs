using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>The immutable AST of an RFC 7644 §3.4.2.2 filter.</summary>
internal abstract record FilterNode;

/// <summary><c>attrPath compareOp compValue</c>. <see cref="Value"/> is a string, decimal, bool or null.</summary>
internal sealed record CompareFilter(AttributePath Path, CompareOperator Operator, object? Value) : FilterNode;

/// <summary><c>attrPath pr</c>.</summary>
internal sealed record PresentFilter(AttributePath Path) : FilterNode;

internal sealed record AndFilter(FilterNode Left, FilterNode Right) : FilterNode;

internal sealed record OrFilter(FilterNode Left, FilterNode Right) : FilterNode;

internal sealed record NotFilter(FilterNode Inner) : FilterNode;

/// <summary>
/// <c>attrPath "[" valFilter "]"</c>: true when one element of the multi-valued attribute matches
/// <see cref="Filter"/>, whose paths are relative to the element.
/// </summary>
internal sealed record ValuePathFilter(AttributePath Path, FilterNode Filter) : FilterNode;
