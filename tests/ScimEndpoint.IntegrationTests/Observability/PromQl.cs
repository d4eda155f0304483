using System.Text;

namespace ScimEndpoint.IntegrationTests.Observability;

/// <summary>A metric selector found in a PromQL expression, with the labels the expression needs it to carry.</summary>
/// <param name="Metric">The series name as written, e.g. <c>scim_request_duration_seconds_bucket</c>.</param>
/// <param name="Labels">Label names from its matchers and from every enclosing <c>by (...)</c>.</param>
internal sealed record MetricReference(string Metric, IReadOnlySet<string> Labels);

/// <summary>
/// Finds the metrics a PromQL expression reads: a tokenizer and a small parser that knows which identifiers are
/// functions, aggregations and keywords, skips strings, ranges (<c>[5m]</c>, <c>[$__rate_interval]</c>) and numbers,
/// and attaches each aggregation's <c>by (...)</c> labels to the selectors inside it. It is not a full PromQL
/// parser: what it does not understand (vector matching with <c>on</c>/<c>ignoring</c>, selectors without a name)
/// fails loudly instead of passing.
/// </summary>
internal static class PromQl
{
    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
        "quantile", "limitk", "limit_ratio",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
    };

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "on", "ignoring", "group_left", "group_right",
    };

    /// <summary>Every selector of <paramref name="expression"/>, in order.</summary>
    public static IReadOnlyList<MetricReference> References(string expression)
    {
        var tokens = Tokenize(expression);
        var position = 0;
        var found = new List<MetricReference>();
        ParseRegion(tokens, ref position, found, expression);
        if (position != tokens.Count)
        {
            throw new FormatException($"Unbalanced ')' at token {position} in: {expression}");
        }

        return found;
    }

    /// <summary>The metric of a Grafana <c>label_values(metric, label)</c> query, with the label it lists.</summary>
    public static MetricReference LabelValuesQuery(string query)
    {
        var tokens = Tokenize(query);
        if (tokens is not [{ Text: "label_values" }, { Text: "(" }, ..])
        {
            throw new FormatException($"Not a label_values(...) query: {query}");
        }

        var position = 2;
        var inner = new List<MetricReference>();
        ParseRegion(tokens, ref position, inner, query);
        var label = tokens[position - 1] is { Kind: TokenKind.Identifier } last && tokens[position - 2].Text == ","
            ? last.Text
            : throw new FormatException($"label_values(...) without a label: {query}");
        var metric = inner.FirstOrDefault(r => r.Metric != label)
            ?? throw new FormatException($"label_values(...) without a metric: {query}");
        return metric with { Labels = new HashSet<string>(metric.Labels, StringComparer.Ordinal) { label } };
    }

    internal enum TokenKind
    {
        Identifier,
        Number,
        String,
        Range,
        Punctuation,
        Operator,
    }

    internal sealed record Token(TokenKind Kind, string Text);

    internal static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                // A comment runs to the end of the line.
                while (i < expression.Length && expression[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is '"' or '\'' or '`')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(expression, ref i)));
            }
            else if (c == '[')
            {
                // A range or subquery: [5m], [$__rate_interval], [1h:5m]. Nothing inside names a metric.
                var end = expression.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"Unclosed '[' at {i} in: {expression}");
                }

                tokens.Add(new Token(TokenKind.Range, expression[i..(end + 1)]));
                i = end + 1;
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < expression.Length && char.IsDigit(expression[i + 1])))
            {
                // Numbers, durations (5m, 1h30m) and hex or exponent forms: letters and digits run together.
                var start = i;
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] is '.' or '_'
                    || (expression[i] is '+' or '-' && expression[i - 1] is 'e' or 'E' && !IsDuration(expression, start, i))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, expression[start..i]));
            }
            else if (char.IsLetter(c) || c is '_' or ':' or '$')
            {
                // Identifiers; '$' starts a Grafana variable such as $__rate_interval outside brackets.
                var start = i;
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] is '_' or ':' or '$'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, expression[start..i]));
            }
            else if (c is '(' or ')' or '{' or '}' or ',')
            {
                tokens.Add(new Token(TokenKind.Punctuation, $"{c}"));
                i++;
            }
            else
            {
                var two = i + 1 < expression.Length ? expression.Substring(i, 2) : "";
                var op = two is "==" or "!=" or "<=" or ">=" or "=~" or "!~" ? two
                    : "+-*/%^<>=@".Contains(c, StringComparison.Ordinal) ? $"{c}"
                    : throw new FormatException($"Unexpected '{c}' at {i} in: {expression}");
                tokens.Add(new Token(TokenKind.Operator, op));
                i += op.Length;
            }
        }

        return tokens;
    }

    private static bool IsDuration(string expression, int start, int i) =>
        expression[start..i].Any(ch => ch is 's' or 'm' or 'h' or 'd' or 'w' or 'y');

    private static string ReadString(string expression, ref int i)
    {
        var quote = expression[i++];
        var text = new StringBuilder();
        while (i < expression.Length && expression[i] != quote)
        {
            if (expression[i] == '\\' && quote != '`' && i + 1 < expression.Length)
            {
                i++;
            }

            text.Append(expression[i++]);
        }

        if (i >= expression.Length)
        {
            throw new FormatException($"Unclosed string in: {expression}");
        }

        i++;
        return text.ToString();
    }

    /// <summary>Reads tokens up to the ')' that closes the region (not consumed) or the end.</summary>
    private static void ParseRegion(List<Token> tokens, ref int i, List<MetricReference> found, string expression)
    {
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Text == ")" && token.Kind == TokenKind.Punctuation)
            {
                return;
            }

            if (token.Text == "(" && token.Kind == TokenKind.Punctuation)
            {
                ParseParenthesized(tokens, ref i, found, expression);
            }
            else if (token.Text == "{" && token.Kind == TokenKind.Punctuation)
            {
                throw new FormatException($"A selector without a metric name is not supported: {expression}");
            }
            else if (token.Kind == TokenKind.Identifier)
            {
                ParseIdentifier(tokens, ref i, found, expression);
            }
            else
            {
                i++;
            }
        }
    }

    private static void ParseParenthesized(List<Token> tokens, ref int i, List<MetricReference> found, string expression)
    {
        i++;
        ParseRegion(tokens, ref i, found, expression);
        if (i >= tokens.Count)
        {
            throw new FormatException($"Unclosed '(' in: {expression}");
        }

        i++;
    }

    private static void ParseIdentifier(List<Token> tokens, ref int i, List<MetricReference> found, string expression)
    {
        var name = tokens[i].Text;
        var next = i + 1 < tokens.Count ? tokens[i + 1].Text : "";
        if (Unsupported.Contains(name))
        {
            throw new NotSupportedException($"'{name}' (vector matching) is not understood by this checker: {expression}");
        }

        if (Aggregations.Contains(name))
        {
            ParseAggregation(tokens, ref i, found, expression);
        }
        else if (Keywords.Contains(name) || name.StartsWith('$'))
        {
            i++;
        }
        else if (next == "(")
        {
            // A function call (rate, histogram_quantile, time, absent, vector, ...): only its arguments matter.
            i++;
            ParseParenthesized(tokens, ref i, found, expression);
        }
        else
        {
            i++;
            var labels = new HashSet<string>(StringComparer.Ordinal);
            if (i < tokens.Count && tokens[i].Text == "{")
            {
                ReadMatchers(tokens, ref i, labels, expression);
            }

            found.Add(new MetricReference(name, labels));
        }
    }

    private static void ParseAggregation(List<Token> tokens, ref int i, List<MetricReference> found, string expression)
    {
        i++;
        var grouping = ReadGrouping(tokens, ref i, expression);
        if (i >= tokens.Count || tokens[i].Text != "(")
        {
            throw new FormatException($"Aggregation without '(' in: {expression}");
        }

        var inner = new List<MetricReference>();
        ParseParenthesized(tokens, ref i, inner, expression);
        grouping ??= ReadGrouping(tokens, ref i, expression);
        foreach (var reference in inner)
        {
            found.Add(grouping is null ? reference : reference with
            {
                Labels = new HashSet<string>(reference.Labels.Concat(grouping), StringComparer.Ordinal),
            });
        }
    }

    /// <summary>Reads <c>by (a, b)</c> or <c>without (a)</c> if present; <c>without</c> labels must exist too.</summary>
    private static List<string>? ReadGrouping(List<Token> tokens, ref int i, string expression)
    {
        if (i >= tokens.Count || tokens[i].Text is not ("by" or "without"))
        {
            return null;
        }

        i++;
        if (i >= tokens.Count || tokens[i].Text != "(")
        {
            throw new FormatException($"'by'/'without' without a label list in: {expression}");
        }

        var labels = new List<string>();
        for (i++; i < tokens.Count && tokens[i].Text != ")"; i++)
        {
            if (tokens[i].Kind == TokenKind.Identifier)
            {
                labels.Add(tokens[i].Text);
            }
            else if (tokens[i].Text != ",")
            {
                throw new FormatException($"Unexpected '{tokens[i].Text}' in a label list: {expression}");
            }
        }

        i++;
        return labels;
    }

    private static void ReadMatchers(List<Token> tokens, ref int i, HashSet<string> labels, string expression)
    {
        for (i++; i < tokens.Count && tokens[i].Text != "}"; i++)
        {
            if (tokens[i].Kind == TokenKind.Identifier && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Operator)
            {
                labels.Add(tokens[i].Text);
            }
            else if (tokens[i].Kind is not (TokenKind.Operator or TokenKind.String) && tokens[i].Text != ",")
            {
                throw new FormatException($"Unexpected '{tokens[i].Text}' in a label matcher: {expression}");
            }
        }

        if (i >= tokens.Count)
        {
            throw new FormatException($"Unclosed '{{' in: {expression}");
        }

        i++;
    }
}
