namespace ScimEndpoint.Protocol.Paths;

/// <summary>
/// The one reading of <c>[URI ":"] ATTRNAME ["." subAttr]</c> (RFC 7644 §3.4.2.2) that filters and paths share.
/// The URN is everything before the last colon, so <c>urn:…:enterprise:2.0:User</c> alone reads as URN
/// <c>urn:…:enterprise:2.0</c> plus name <c>User</c>, which <see cref="Schemas.ResourceTypeDefinition.Resolve"/>
/// maps to the whole extension.
/// </summary>
internal static class AttributePathSyntax
{
    /// <summary>Reads a path, or returns null and says why in <paramref name="problem"/>.</summary>
    public static AttributePath? TryParse(ReadOnlySpan<char> text, out string problem)
    {
        problem = "";
        if (text.IsEmpty)
        {
            problem = "the attribute path is empty";
            return null;
        }

        var colon = text.LastIndexOf(':');
        var urn = colon < 0 ? [] : text[..colon];
        if (colon >= 0 && !IsUrn(urn))
        {
            problem = urn.IsEmpty ? "a schema URN is missing before ':'" : "the schema URN has a character a URN cannot hold";
            return null;
        }

        var rest = text[(colon + 1)..];
        var dot = rest.IndexOf('.');
        var name = dot < 0 ? rest : rest[..dot];
        var sub = dot < 0 ? [] : rest[(dot + 1)..];
        if (!IsAttributeName(name))
        {
            problem = name.IsEmpty ? "an attribute name is missing" : $"'{Echo(name)}' is not an attribute name";
            return null;
        }

        if (dot >= 0 && !IsAttributeName(sub))
        {
            problem = sub.IsEmpty ? "a sub-attribute name is missing after '.'" : $"'{Echo(sub)}' is not a sub-attribute name";
            return null;
        }

        return new AttributePath(
            colon < 0 ? null : urn.ToString(), name.ToString(), dot < 0 ? null : sub.ToString());
    }

    /// <summary><c>ATTRNAME = ALPHA *(nameChar)</c>, <c>nameChar = "-" / "_" / DIGIT / ALPHA</c>, or <c>$ref</c>.</summary>
    public static bool IsAttributeName(ReadOnlySpan<char> name)
    {
        if (name.Equals("$ref", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.IsEmpty || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUrn(ReadOnlySpan<char> urn)
    {
        if (urn.IsEmpty)
        {
            return false;
        }

        foreach (var c in urn)
        {
            // RFC 3986 unreserved, sub-delims, ':', '/', '?', '#', '@' and '%' (percent-encoding).
            if (!char.IsAsciiLetterOrDigit(c) && !"-._~!$&'*+,;=:/?#@%".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Echo(ReadOnlySpan<char> text) => Filtering.FilterLexer.Echo(text);
}
