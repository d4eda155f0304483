namespace ScimEndpoint.IntegrationTests.Observability;

/// <summary>
/// What one or more <c>/metrics</c> scrapes export (Prometheus text format 0.0.4): each family from its
/// <c># TYPE</c> line, and the label names seen on each series name (<c>x_bucket</c> carries <c>le</c>).
/// </summary>
internal sealed class MetricCatalog
{
    private static readonly Dictionary<string, string[]> SeriesSuffixes = new(StringComparer.Ordinal)
    {
        ["histogram"] = ["_bucket", "_sum", "_count"],
        ["summary"] = ["_sum", "_count"],
    };

    private readonly Dictionary<string, string> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _labels = new(StringComparer.Ordinal);

    /// <summary>Family name → type (counter, gauge, histogram, summary, untyped).</summary>
    public IReadOnlyDictionary<string, string> Families => _families;

    /// <summary>Adds one scrape.</summary>
    public MetricCatalog Add(string exposition)
    {
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                _families[parts[2]] = parts[3];
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                var brace = line.IndexOf('{', StringComparison.Ordinal);
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var name = brace >= 0 && brace < space ? line[..brace] : line[..space];
                var labels = _labels.TryGetValue(name, out var set) ? set : _labels[name] = new(StringComparer.Ordinal);
                if (brace >= 0 && brace < space)
                {
                    labels.UnionWith(LabelNames(line[(brace + 1)..line.LastIndexOf('}')]));
                }
            }
        }

        return this;
    }

    /// <summary>The family a series name belongs to (<c>x_bucket</c> → <c>x</c> for a histogram), or null.</summary>
    public string? FamilyOf(string series)
    {
        if (_families.TryGetValue(series, out var own) && !SeriesSuffixes.ContainsKey(own))
        {
            return series;
        }

        foreach (var (family, type) in _families)
        {
            if (SeriesSuffixes.TryGetValue(type, out var suffixes)
                && suffixes.Any(suffix => series == family + suffix))
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>The label names seen on <paramref name="series"/>, or null when it had no sample.</summary>
    public IReadOnlySet<string>? LabelsOf(string series) => _labels.GetValueOrDefault(series);

    /// <summary>
    /// What is wrong with <paramref name="reference"/> here: a name that no family exports, or a label the series
    /// does not carry. Empty when it is fine.
    /// </summary>
    public IEnumerable<string> Problems(MetricReference reference, string where)
    {
        if (FamilyOf(reference.Metric) is null)
        {
            yield return $"{where}: '{reference.Metric}' is not exported by the operator or the endpoint";
            yield break;
        }

        var labels = LabelsOf(reference.Metric);
        if (labels is null)
        {
            yield return $"{where}: '{reference.Metric}' is exported but had no series to check labels on";
            yield break;
        }

        foreach (var label in reference.Labels.Where(l => !labels.Contains(l)).Order(StringComparer.Ordinal))
        {
            yield return $"{where}: '{reference.Metric}' has no label '{label}' (it has {string.Join(", ", labels.Order(StringComparer.Ordinal))})";
        }
    }

    /// <summary>Label names of <c>a="x",b="y \"quoted\", too"</c>.</summary>
    private static IEnumerable<string> LabelNames(string body)
    {
        var i = 0;
        while (i < body.Length)
        {
            var equals = body.IndexOf('=', i);
            if (equals < 0)
            {
                yield break;
            }

            yield return body[i..equals].Trim(' ', ',');
            i = equals + 2; // past '="'
            while (i < body.Length && body[i] != '"')
            {
                i += body[i] == '\\' ? 2 : 1;
            }

            i++;
        }
    }
}
