using ScimEndpoint.Protocol.Filtering;

namespace ScimEndpoint.Protocol.Paths;

/// <summary>Parses attribute paths (sortBy, attributes, filter operands) and PATCH paths.</summary>
/// <remarks>
/// Leading and trailing whitespace is ignored. Attribute names keep the client's casing; resolution ignores case.
/// Paths are limited to <see cref="ScimConstants.MaxFilterLength"/> characters like filters.
/// </remarks>
internal static class PathParser
{
    /// <summary>Parses <c>[URI ":"] ATTRNAME ["." subAttr]</c>; throws 400 <c>invalidPath</c>.</summary>
    public static AttributePath ParseAttributePath(string text)
    {
        CheckLength(text);
        return Parse(text, text.AsSpan().Trim());
    }

    /// <summary>
    /// Parses an RFC 7644 §3.5.2 PATCH path, <c>attrPath</c> or <c>valuePath ["." subAttr]</c>. Throws 400
    /// <c>invalidPath</c> for the path itself, and 400 <c>invalidFilter</c> (with the character position in the
    /// path) for a malformed filter inside the brackets.
    /// </summary>
    public static PatchPath ParsePatchPath(string text)
    {
        CheckLength(text);
        var open = text.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return new PatchPath(Parse(text, text.AsSpan().Trim()));
        }

        var attribute = Parse(text, text.AsSpan(0, open).Trim());
        if (attribute.SubAttribute is not null)
        {
            throw ScimErrors.InvalidPath(text, "a value filter '[' must follow an attribute, not a sub-attribute");
        }

        var filter = FilterParser.ParseValueFilter(text, open, out var end);
        var rest = text.AsSpan(end).TrimEnd();
        if (rest.IsEmpty)
        {
            return new PatchPath(attribute, filter);
        }

        if (rest[0] != '.')
        {
            throw ScimErrors.InvalidPath(text, "only '.' and a sub-attribute may follow ']'");
        }

        if (rest.Length == 1)
        {
            throw ScimErrors.InvalidPath(text, "a sub-attribute name is missing after '.'");
        }

        if (!AttributePathSyntax.IsAttributeName(rest[1..]))
        {
            throw ScimErrors.InvalidPath(text, $"'{FilterLexer.Echo(rest[1..])}' is not a sub-attribute name");
        }

        return new PatchPath(attribute, filter, rest[1..].ToString());
    }

    private static AttributePath Parse(string text, ReadOnlySpan<char> path) =>
        AttributePathSyntax.TryParse(path, out var problem) ?? throw ScimErrors.InvalidPath(text, problem);

    private static void CheckLength(string text)
    {
        if (text.Length > ScimConstants.MaxFilterLength)
        {
            throw ScimErrors.InvalidPath(
                text, $"the path is longer than the limit of {ScimConstants.MaxFilterLength} characters");
        }
    }
}
