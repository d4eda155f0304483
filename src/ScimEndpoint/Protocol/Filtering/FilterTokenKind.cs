namespace ScimEndpoint.Protocol.Filtering;

/// <summary>The kinds of token in a filter.</summary>
internal enum FilterTokenKind
{
    /// <summary>A bare run of characters: an attribute path, an operator, a keyword, a number or an unquoted value.</summary>
    Word,

    /// <summary>A JSON string, quotes included.</summary>
    String,

    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    End,
}
