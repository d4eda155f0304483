using System.Buffers;
using System.Globalization;
using System.Text;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>
/// Splits a filter into tokens on demand, one token of lookahead. Words run until whitespace or one of
/// <c>( ) [ ] "</c>, so paths such as <c>urn:…:2.0:User:manager.value</c> and unquoted values are single words.
/// </summary>
/// <remarks>Scanning is lazy so that a caller can stop after a closing bracket and read the rest itself.</remarks>
internal sealed class FilterLexer(string text, int start)
{
    private const int MaxEcho = 40;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private int _offset = start;
    private FilterToken? _peeked;

    public string Text { get; } = text;

    public FilterToken Peek() => _peeked ??= Scan();

    public FilterToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    public ReadOnlySpan<char> Span(FilterToken token) => Text.AsSpan(token.Start, token.Length);

    /// <summary>Whether the token is the given word, ignoring case (operators and keywords are case-insensitive).</summary>
    public bool IsWord(FilterToken token, string word) =>
        token.Kind == FilterTokenKind.Word && Span(token).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>How an error message shows the token: quoted, shortened, and without unprintable characters.</summary>
    public string Describe(FilterToken token) =>
        token.Kind == FilterTokenKind.End ? "the end of the filter" : $"'{Echo(Span(token))}'";

    /// <summary>Shortens client text for an error message and replaces characters a reader cannot see.</summary>
    public static string Echo(ReadOnlySpan<char> text)
    {
        var shown = text.Length <= MaxEcho ? text : text[..(MaxEcho - 3)];
        var builder = new StringBuilder(shown.Length + 3);
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        return shown.Length < text.Length ? builder.Append("...").ToString() : builder.ToString();
    }

    /// <summary>The value of a string token, with its JSON escapes decoded (the scanner has checked them).</summary>
    public string Decode(FilterToken token)
    {
        var body = Text.AsSpan(token.Start + 1, token.Length - 2);
        if (!body.Contains('\\'))
        {
            return body.ToString();
        }

        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                builder.Append(body[i]);
                continue;
            }

            i++;
            builder.Append(body[i] switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => (char)int.Parse(body.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                var other => other,
            });
            i += body[i] == 'u' ? 4 : 0;
        }

        return builder.ToString();
    }

    private FilterToken Scan()
    {
        var span = Text.AsSpan();
        var i = _offset;
        while (i < span.Length && char.IsWhiteSpace(span[i]))
        {
            i++;
        }

        if (i == span.Length)
        {
            _offset = i;
            return new FilterToken(FilterTokenKind.End, i, 0);
        }

        var token = span[i] switch
        {
            '(' => new FilterToken(FilterTokenKind.OpenParen, i, 1),
            ')' => new FilterToken(FilterTokenKind.CloseParen, i, 1),
            '[' => new FilterToken(FilterTokenKind.OpenBracket, i, 1),
            ']' => new FilterToken(FilterTokenKind.CloseBracket, i, 1),
            '"' => ScanString(span, i),
            _ => ScanWord(span, i),
        };
        _offset = token.End;
        return token;
    }

    private static FilterToken ScanWord(ReadOnlySpan<char> span, int start)
    {
        var end = start;
        while (end < span.Length && IsWordChar(span[end]))
        {
            end++;
        }

        if (end == start)
        {
            // Only a control character that is not whitespace stops a word before it starts.
            throw ScimErrors.InvalidFilter(start + 1, $"unexpected control character U+{(int)span[start]:X4}");
        }

        return new FilterToken(FilterTokenKind.Word, start, end - start);
    }

    private static bool IsWordChar(char c) =>
        c is not ('(' or ')' or '[' or ']' or '"') && !char.IsWhiteSpace(c) && !char.IsControl(c);

    private static FilterToken ScanString(ReadOnlySpan<char> span, int start)
    {
        var i = start + 1;
        while (true)
        {
            if (i >= span.Length)
            {
                throw ScimErrors.InvalidFilter(start + 1, "unterminated string");
            }

            var c = span[i];
            if (c == '"')
            {
                return new FilterToken(FilterTokenKind.String, start, i + 1 - start);
            }

            if (c == '\\')
            {
                i += EscapeLength(span, i, start);
            }
            else if (c < ' ')
            {
                // RFC 8259 §7: control characters in a JSON string must be escaped.
                throw ScimErrors.InvalidFilter(i + 1, $"control character U+{(int)c:X4} in a string must be escaped");
            }
            else
            {
                i++;
            }
        }
    }

    private static int EscapeLength(ReadOnlySpan<char> span, int backslash, int stringStart)
    {
        if (backslash + 1 >= span.Length)
        {
            throw ScimErrors.InvalidFilter(stringStart + 1, "unterminated string");
        }

        var kind = span[backslash + 1];
        if (kind is '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't')
        {
            return 2;
        }

        if (kind == 'u' && backslash + 6 <= span.Length && IsHex(span.Slice(backslash + 2, 4)))
        {
            return 6;
        }

        var problem = kind == 'u'
            ? "invalid escape '\\u' in string: expected four hex digits"
            : $"invalid escape '\\{Echo([kind])}' in string";
        throw ScimErrors.InvalidFilter(backslash + 1, problem);
    }

    private static bool IsHex(ReadOnlySpan<char> digits) => !digits.ContainsAnyExcept(HexDigits);
}
