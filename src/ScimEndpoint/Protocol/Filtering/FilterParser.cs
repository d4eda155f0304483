using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>Recursive-descent parser for RFC 7644 §3.4.2.2 filters.</summary>
/// <remarks>
/// Precedence is <c>not</c> &gt; <c>and</c> &gt; <c>or</c>; <c>and</c> and <c>or</c> group to the left. Operators,
/// keywords and attribute names match in any case. Beyond the RFC grammar it accepts <c>not</c> without parentheses
/// (it binds to the next comparison), unquoted values, and <c>attr[f].sub op v</c>, read as
/// <c>attr[f and sub op v]</c> (Entra filters on <c>emails[type eq "work"].value eq "x"</c>). Each parenthesis,
/// <c>not</c> and bracket opens one nesting level; more than <see cref="ScimConstants.MaxFilterDepth"/> is refused,
/// which also bounds the recursion.
/// </remarks>
internal static class FilterParser
{
    private static readonly (string Word, CompareOperator Operator)[] Operators =
    [
        ("eq", CompareOperator.Eq), ("ne", CompareOperator.Ne), ("co", CompareOperator.Co),
        ("sw", CompareOperator.Sw), ("ew", CompareOperator.Ew), ("gt", CompareOperator.Gt),
        ("ge", CompareOperator.Ge), ("lt", CompareOperator.Lt), ("le", CompareOperator.Le),
    ];

    /// <summary>Parses a filter; throws 400 <c>invalidFilter</c> naming the position of the problem.</summary>
    public static FilterNode Parse(string text)
    {
        if (text.Length > ScimConstants.MaxFilterLength)
        {
            throw ScimErrors.InvalidFilter(
                ScimConstants.MaxFilterLength + 1,
                $"the filter is longer than the limit of {ScimConstants.MaxFilterLength} characters");
        }

        var lexer = new FilterLexer(text, 0);
        if (lexer.Peek().Kind == FilterTokenKind.End)
        {
            throw ScimErrors.InvalidFilter(1, "empty filter");
        }

        var filter = ParseOr(lexer, 0, inBrackets: false);
        var next = lexer.Peek();
        return next.Kind switch
        {
            FilterTokenKind.End => filter,
            FilterTokenKind.CloseParen =>
                throw ScimErrors.InvalidFilter(next.Position, "unbalanced parenthesis: ')' has no matching '('"),
            _ => throw Unexpected(lexer, next, "'and', 'or' or the end of the filter"),
        };
    }

    /// <summary>
    /// Parses the value filter of a PATCH path: <paramref name="openBracket"/> is the index of its <c>[</c>.
    /// Returns the filter and, in <paramref name="end"/>, the index just after the closing <c>]</c>.
    /// </summary>
    internal static FilterNode ParseValueFilter(string text, int openBracket, out int end)
    {
        var lexer = new FilterLexer(text, openBracket);
        return ParseBrackets(lexer, lexer.Next(), 0, out end);
    }

    private static FilterNode ParseOr(FilterLexer lexer, int depth, bool inBrackets) =>
        ParseChain(lexer, depth, inBrackets, "or", ParseAnd, static (left, right) => new OrFilter(left, right));

    private static FilterNode ParseAnd(FilterLexer lexer, int depth, bool inBrackets) =>
        ParseChain(lexer, depth, inBrackets, "and", ParseUnary, static (left, right) => new AndFilter(left, right));

    /// <summary>Parses <c>operand *(keyword operand)</c>, grouping to the left.</summary>
    private static FilterNode ParseChain(
        FilterLexer lexer,
        int depth,
        bool inBrackets,
        string keyword,
        Func<FilterLexer, int, bool, FilterNode> operand,
        Func<FilterNode, FilterNode, FilterNode> combine)
    {
        var left = operand(lexer, depth, inBrackets);
        while (lexer.IsWord(lexer.Peek(), keyword))
        {
            lexer.Next();
            left = combine(left, operand(lexer, depth, inBrackets));
        }

        return left;
    }

    private static FilterNode ParseUnary(FilterLexer lexer, int depth, bool inBrackets)
    {
        var token = lexer.Peek();
        if (lexer.IsWord(token, "not"))
        {
            lexer.Next();
            Enter(depth, token);
            return new NotFilter(ParseUnary(lexer, depth + 1, inBrackets));
        }

        if (token.Kind == FilterTokenKind.OpenParen)
        {
            lexer.Next();
            Enter(depth, token);
            var inner = ParseOr(lexer, depth + 1, inBrackets);
            var close = lexer.Next();
            return close.Kind switch
            {
                FilterTokenKind.CloseParen => inner,
                FilterTokenKind.End =>
                    throw ScimErrors.InvalidFilter(token.Position, "unbalanced parenthesis: '(' is never closed"),
                _ => throw Unexpected(lexer, close, "'and', 'or' or ')'"),
            };
        }

        if (token.Kind != FilterTokenKind.Word || lexer.IsWord(token, "and") || lexer.IsWord(token, "or"))
        {
            throw Unexpected(lexer, token, "an attribute path, 'not' or '('");
        }

        return ParseAttributeExpression(lexer, depth, inBrackets);
    }

    private static FilterNode ParseAttributeExpression(FilterLexer lexer, int depth, bool inBrackets)
    {
        var pathToken = lexer.Next();
        var path = AttributePathSyntax.TryParse(lexer.Span(pathToken), out var problem)
            ?? throw ScimErrors.InvalidFilter(pathToken.Position, problem);
        var open = lexer.Peek();
        if (open.Kind != FilterTokenKind.OpenBracket)
        {
            return ParseCondition(lexer, pathToken, path);
        }

        if (inBrackets)
        {
            throw ScimErrors.InvalidFilter(open.Position, "nested brackets are not allowed inside a value filter");
        }

        if (path.SubAttribute is not null)
        {
            throw ScimErrors.InvalidFilter(
                open.Position, $"a value filter '[' must follow an attribute, not the sub-attribute {lexer.Describe(pathToken)}");
        }

        lexer.Next();
        var filter = ParseBrackets(lexer, open, depth, out var closeEnd);
        var sub = lexer.Peek();
        if (sub.Kind != FilterTokenKind.Word || sub.Start != closeEnd || lexer.Span(sub)[0] != '.')
        {
            return new ValuePathFilter(path, filter);
        }

        lexer.Next();
        var subName = lexer.Span(sub)[1..];
        if (!AttributePathSyntax.IsAttributeName(subName))
        {
            throw ScimErrors.InvalidFilter(
                sub.Position + 1, $"'{FilterLexer.Echo(subName)}' is not a sub-attribute name");
        }

        var condition = ParseCondition(lexer, sub, new AttributePath(null, subName.ToString()));
        return new ValuePathFilter(path, new AndFilter(filter, condition));
    }

    private static FilterNode ParseBrackets(FilterLexer lexer, FilterToken open, int depth, out int end)
    {
        Enter(depth, open);
        var filter = ParseOr(lexer, depth + 1, inBrackets: true);
        var close = lexer.Next();
        end = close.End;
        return close.Kind switch
        {
            FilterTokenKind.CloseBracket => filter,
            FilterTokenKind.End => throw ScimErrors.InvalidFilter(open.Position, "unbalanced bracket: '[' is never closed"),
            _ => throw Unexpected(lexer, close, "'and', 'or' or ']'"),
        };
    }

    private static FilterNode ParseCondition(FilterLexer lexer, FilterToken pathToken, AttributePath path)
    {
        var operatorToken = lexer.Next();
        if (lexer.IsWord(operatorToken, "pr"))
        {
            return new PresentFilter(path);
        }

        var compare = FindOperator(lexer, operatorToken)
            ?? throw ExpectedAfter(lexer, operatorToken, "a comparison operator", pathToken);
        var valueToken = lexer.Next();
        object? value = valueToken.Kind switch
        {
            FilterTokenKind.String => lexer.Decode(valueToken),
            FilterTokenKind.Word when !IsConnective(lexer, valueToken) =>
                FilterLiteral.Read(lexer.Span(valueToken), valueToken.Position),
            _ => throw ExpectedAfter(lexer, valueToken, "a value", operatorToken),
        };
        return new CompareFilter(path, compare, value);
    }

    private static CompareOperator? FindOperator(FilterLexer lexer, FilterToken token)
    {
        foreach (var (word, compare) in Operators)
        {
            if (lexer.IsWord(token, word))
            {
                return compare;
            }
        }

        return null;
    }

    private static bool IsConnective(FilterLexer lexer, FilterToken token) =>
        lexer.IsWord(token, "and") || lexer.IsWord(token, "or") || lexer.IsWord(token, "not");

    private static void Enter(int depth, FilterToken opener)
    {
        if (depth >= ScimConstants.MaxFilterDepth)
        {
            throw ScimErrors.InvalidFilter(
                opener.Position,
                $"nesting is deeper than the limit of {ScimConstants.MaxFilterDepth} levels of parentheses, 'not' and brackets");
        }
    }

    private static ScimException ExpectedAfter(FilterLexer lexer, FilterToken found, string what, FilterToken after)
    {
        var problem = $"expected {what} after {lexer.Describe(after)}";
        return ScimErrors.InvalidFilter(
            found.Position, found.Kind == FilterTokenKind.End ? problem : $"{problem}, not {lexer.Describe(found)}");
    }

    private static ScimException Unexpected(FilterLexer lexer, FilterToken found, string expected) =>
        ScimErrors.InvalidFilter(
            found.Position,
            found.Kind == FilterTokenKind.End
                ? $"the filter ends where {expected} was expected"
                : $"unexpected {lexer.Describe(found)}: expected {expected}");
}
