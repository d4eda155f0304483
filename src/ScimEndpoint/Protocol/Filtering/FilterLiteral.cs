using System.Globalization;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>Reads a bare comparison value: a JSON number, <c>true</c>, <c>false</c>, <c>null</c>, or else a string.</summary>
internal static class FilterLiteral
{
    /// <summary>
    /// The value of an unquoted word. Keywords match in any case; a word that is none of them nor a JSON number is
    /// read as a string, because older Entra documentation sends <c>externalId eq jyoung</c>.
    /// </summary>
    public static object? Read(ReadOnlySpan<char> word, int position)
    {
        if (word.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (word.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (word.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!IsJsonNumber(word))
        {
            return word.ToString();
        }

        return decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw ScimErrors.InvalidFilter(position, $"the number '{FilterLexer.Echo(word)}' is out of range");
    }

    /// <summary>RFC 8259 §6: <c>[ "-" ] int [ frac ] [ exp ]</c>.</summary>
    private static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i == text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        // A leading zero stands alone: "012" is not a JSON number, so it stays a string.
        i = text[i] == '0' ? i + 1 : SkipDigits(text, i);
        if (i < text.Length && text[i] == '.')
        {
            var fractionStart = i + 1;
            i = SkipDigits(text, fractionStart);
            if (i == fractionStart)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponentStart = i;
            i = SkipDigits(text, exponentStart);
            if (i == exponentStart)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int SkipDigits(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
