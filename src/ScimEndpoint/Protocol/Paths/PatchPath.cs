using ScimEndpoint.Protocol.Filtering;

namespace ScimEndpoint.Protocol.Paths;

/// <summary>
/// An RFC 7644 §3.5.2 PATCH path: <c>attrPath</c>, or <c>valuePath [subAttr]</c> such as
/// <c>emails[type eq "work"].value</c>.
/// </summary>
/// <param name="Attribute">The attribute (with a sub-attribute when there is no value filter).</param>
/// <param name="ValueFilter">The filter inside the brackets, evaluated against each element, or null.</param>
/// <param name="SubAttribute">With a value filter: the sub-attribute after the closing bracket, or null.</param>
internal sealed record PatchPath(AttributePath Attribute, FilterNode? ValueFilter = null, string? SubAttribute = null);
