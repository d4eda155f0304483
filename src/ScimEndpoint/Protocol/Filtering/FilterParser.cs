namespace ScimEndpoint.Protocol.Filtering;

/// <summary>Recursive-descent parser for RFC 7644 §3.4.2.2 filters.</summary>
internal static class FilterParser
{
    /// <summary>Parses a filter; throws 400 <c>invalidFilter</c> naming the position of the problem.</summary>
    public static FilterNode Parse(string text) => throw new NotImplementedException(text);
}
