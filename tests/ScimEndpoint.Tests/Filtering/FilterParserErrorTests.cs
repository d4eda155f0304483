using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;

namespace ScimEndpoint.Tests.Filtering;

public class FilterParserErrorTests
{
    public static TheoryData<TextCase> SyntaxErrors => new()
    {
        new("empty", "", "Invalid filter at position 1: empty filter."),
        new("only whitespace", "  \t ", "Invalid filter at position 1: empty filter."),
        new(
            "path without operator",
            "userName",
            "Invalid filter at position 9: expected a comparison operator after 'userName'."),
        new(
            "unknown operator",
            "userName equals \"x\"",
            "Invalid filter at position 10: expected a comparison operator after 'userName', not 'equals'."),
        new("operator without value", "userName eq", "Invalid filter at position 12: expected a value after 'eq'."),
        new(
            "keyword as value",
            "userName eq and",
            "Invalid filter at position 13: expected a value after 'eq', not 'and'."),
        new(
            "parenthesis as value",
            "userName eq )",
            "Invalid filter at position 13: expected a value after 'eq', not ')'."),
        new("unterminated string", "userName eq \"abc", "Invalid filter at position 13: unterminated string."),
        new("unterminated after escape", "userName eq \"abc\\", "Invalid filter at position 13: unterminated string."),
        new("unknown escape", "userName eq \"a\\x\"", "Invalid filter at position 15: invalid escape '\\x' in string."),
        new(
            "short unicode escape",
            "userName eq \"\\u12\"",
            "Invalid filter at position 14: invalid escape '\\u' in string: expected four hex digits."),
        new(
            "raw newline in string",
            "userName eq \"a\nb\"",
            "Invalid filter at position 15: control character U+000A in a string must be escaped."),
        new(
            "control character between tokens",
            "userName eq \"a\" \u0001",
            "Invalid filter at position 17: unexpected control character U+0001."),
        new(
            "NUL inside a word",
            "user\0Name eq \"a\"",
            "Invalid filter at position 5: unexpected control character U+0000."),
        new(
            "unclosed parenthesis",
            "(userName eq \"x\"",
            "Invalid filter at position 1: unbalanced parenthesis: '(' is never closed."),
        new(
            "unclosed inner parenthesis",
            "a pr and ((b pr) or c pr",
            "Invalid filter at position 10: unbalanced parenthesis: '(' is never closed."),
        new(
            "extra closing parenthesis",
            "userName eq \"x\")",
            "Invalid filter at position 16: unbalanced parenthesis: ')' has no matching '('."),
        new(
            "trailing word",
            "userName eq \"x\" xyz",
            "Invalid filter at position 17: unexpected 'xyz': expected 'and', 'or' or the end of the filter."),
        new(
            "dangling and",
            "userName eq \"x\" and",
            "Invalid filter at position 20: the filter ends where an attribute path, 'not' or '(' was expected."),
        new(
            "double and",
            "a pr and and b pr",
            "Invalid filter at position 10: unexpected 'and': expected an attribute path, 'not' or '('."),
        new(
            "string where a path belongs",
            "\"x\" eq \"y\"",
            "Invalid filter at position 1: unexpected '\"x\"': expected an attribute path, 'not' or '('."),
        new(
            "empty parentheses",
            "()",
            "Invalid filter at position 2: unexpected ')': expected an attribute path, 'not' or '('."),
        new(
            "nested brackets",
            "emails[type[value eq \"x\"] eq \"y\"]",
            "Invalid filter at position 12: nested brackets are not allowed inside a value filter."),
        new(
            "unclosed bracket",
            "emails[type eq \"work\"",
            "Invalid filter at position 7: unbalanced bracket: '[' is never closed."),
        new(
            "parenthesis closing a bracket",
            "emails[type eq \"work\")",
            "Invalid filter at position 22: unexpected ')': expected 'and', 'or' or ']'."),
        new(
            "empty brackets",
            "emails[]",
            "Invalid filter at position 8: unexpected ']': expected an attribute path, 'not' or '('."),
        new(
            "stray closing bracket",
            "a pr]",
            "Invalid filter at position 5: unexpected ']': expected 'and', 'or' or the end of the filter."),
        new(
            "bracket after a sub-attribute",
            "name.givenName[value eq \"x\"]",
            "Invalid filter at position 15: a value filter '[' must follow an attribute, not the sub-attribute 'name.givenName'."),
        new(
            "value path sub-attribute without operator",
            "emails[type eq \"work\"].value",
            "Invalid filter at position 29: expected a comparison operator after '.value'."),
        new(
            "bad name after bracket",
            "emails[type eq \"work\"].1 eq \"x\"",
            "Invalid filter at position 24: '1' is not a sub-attribute name."),
        new("name starting with a digit", "1abc eq \"x\"", "Invalid filter at position 1: '1abc' is not an attribute name."),
        new("colon without URN", ":userName eq \"x\"", "Invalid filter at position 1: a schema URN is missing before ':'."),
        new("URN without name", "urn:x: eq \"x\"", "Invalid filter at position 1: an attribute name is missing."),
        new("dot without sub-attribute", "name. eq \"x\"", "Invalid filter at position 1: a sub-attribute name is missing after '.'."),
        new("two dots", "name.a.b eq \"x\"", "Invalid filter at position 1: 'a.b' is not a sub-attribute name."),
        new("number out of range", "a eq 1e30", "Invalid filter at position 6: the number '1e30' is out of range."),
        new(
            "long token is shortened in the message",
            "a eq \"x\" " + new string('z', 100),
            "Invalid filter at position 10: unexpected 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...': expected 'and', 'or' or the end of the filter."),
    };

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public void Parse_InvalidFilter_ThrowsInvalidFilterWithPosition(TextCase row)
    {
        var error = Assert.Throws<ScimException>(() => FilterParser.Parse(row.Input));

        Assert.Equal(400, error.Status);
        Assert.Equal("invalidFilter", error.ScimType);
        Assert.Equal(row.Expected, error.Detail);
    }

    [Fact]
    public void Parse_FilterAtLengthLimit_Parses()
    {
        var text = $"userName eq \"{new string('a', ScimConstants.MaxFilterLength - 14)}\"";

        Assert.Equal(ScimConstants.MaxFilterLength, text.Length);
        Assert.IsType<CompareFilter>(FilterParser.Parse(text));
    }

    [Fact]
    public void Parse_FilterOneOverLengthLimit_ThrowsNamingTheLimit()
    {
        var text = $"userName eq \"{new string('a', ScimConstants.MaxFilterLength - 13)}\"";

        var error = Assert.Throws<ScimException>(() => FilterParser.Parse(text));

        Assert.Equal(
            "Invalid filter at position 4097: the filter is longer than the limit of 4096 characters.", error.Detail);
    }

    [Fact]
    public void Parse_ParenthesesAtDepthLimit_Parses()
    {
        var text = new string('(', 32) + "a pr" + new string(')', 32);

        Assert.IsType<PresentFilter>(FilterParser.Parse(text));
    }

    [Fact]
    public void Parse_ParenthesesOverDepthLimit_ThrowsNamingTheLimit()
    {
        var text = new string('(', 33) + "a pr" + new string(')', 33);

        var error = Assert.Throws<ScimException>(() => FilterParser.Parse(text));

        Assert.Equal(
            "Invalid filter at position 33: nesting is deeper than the limit of 32 levels of parentheses, 'not' and brackets.",
            error.Detail);
    }

    [Fact]
    public void Parse_NotChainOverDepthLimit_ThrowsAtTheThirtyThirdNot()
    {
        var text = string.Concat(Enumerable.Repeat("not ", 33)) + "a pr";

        var error = Assert.Throws<ScimException>(() => FilterParser.Parse(text));

        Assert.StartsWith("Invalid filter at position 129: nesting is deeper than the limit of 32", error.Detail);
    }

    [Fact]
    public void Parse_BracketInsideDeepParentheses_CountsTowardsTheDepth()
    {
        var text = new string('(', 32) + "emails[type eq \"work\"]" + new string(')', 32);

        var error = Assert.Throws<ScimException>(() => FilterParser.Parse(text));

        Assert.StartsWith("Invalid filter at position 39: nesting is deeper", error.Detail);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(4_000)]
    public void Parse_ManyOpeningParentheses_ThrowsScimException(int count)
    {
        var error = Assert.Throws<ScimException>(() => FilterParser.Parse(new string('(', count)));

        Assert.Equal("invalidFilter", error.ScimType);
    }

    [Fact]
    public void Parse_LongAndChain_ParsesWithoutDeepRecursion()
    {
        var text = string.Join(" and ", Enumerable.Repeat("a pr", 450));

        Assert.IsType<AndFilter>(FilterParser.Parse(text));
    }
}
