namespace ScimEndpoint.Protocol.Paths;

/// <summary>Parses attribute paths (sortBy, attributes, filter operands) and PATCH paths.</summary>
internal static class PathParser
{
    /// <summary>Parses <c>[URI ":"] ATTRNAME ["." subAttr]</c>; throws 400 <c>invalidPath</c>.</summary>
    public static AttributePath ParseAttributePath(string text) => throw new NotImplementedException(text);

    /// <summary>Parses an RFC 7644 §3.5.2 PATCH path; throws 400 <c>invalidPath</c> (or <c>invalidFilter</c>
    /// for a malformed bracket filter).</summary>
    public static PatchPath ParsePatchPath(string text) => throw new NotImplementedException(text);
}
