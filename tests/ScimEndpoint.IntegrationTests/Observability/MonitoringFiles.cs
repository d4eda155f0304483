using System.Text.Json.Nodes;
using Operator.Tests;
using YamlDotNet.Serialization;

namespace ScimEndpoint.IntegrationTests.Observability;

/// <summary>One alerting rule of alerts.yaml.</summary>
internal sealed record AlertRule(
    string Group, string Alert, string Expr, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);

/// <summary>A PromQL expression of the alerts or the dashboard, with where it is.</summary>
internal sealed record Expression(string Where, string PromQl);

/// <summary>
/// The SRE files: the chart's alerts (charts/scim-operator/files/alerts.yaml), the kustomize PrometheusRule
/// (config/prometheus), the Grafana dashboard (charts/scim-operator/files/dashboard.json) and docs/operations.md.
/// </summary>
internal static class MonitoringFiles
{
    public static string AlertsPath => RepoFiles.Path("charts", "scim-operator", "files", "alerts.yaml");

    public static string DashboardPath => RepoFiles.Path("charts", "scim-operator", "files", "dashboard.json");

    public static string PrometheusRulePath => RepoFiles.Path("config", "prometheus", "prometheusrule.yaml");

    public static string OperationsDocPath => RepoFiles.Path("docs", "operations.md");

    /// <summary>Parses YAML into JSON nodes (strings stay strings), so two documents compare structurally.</summary>
    public static JsonNode? Yaml(string text) => ToJson(new DeserializerBuilder().Build().Deserialize<object?>(text));

    /// <summary>The rules of a <c>groups:</c> document.</summary>
    public static IReadOnlyList<AlertRule> Rules(string alertsYaml)
    {
        var groups = Yaml(alertsYaml)?["groups"]?.AsArray() ?? throw new FormatException("No 'groups' list.");
        return
        [
            .. from g in groups
               from r in g!["rules"]!.AsArray()
               select new AlertRule(
                   (string)g!["name"]!,
                   (string?)r!["alert"] ?? throw new FormatException("A rule without 'alert' (recording rules are not expected)."),
                   (string)r["expr"]!,
                   Strings(r["labels"]),
                   Strings(r["annotations"])),
        ];
    }

    /// <summary>Every expression of the alerts and of the dashboard's panels.</summary>
    public static IEnumerable<Expression> Expressions(string alertsYaml, string dashboardJson)
    {
        foreach (var rule in Rules(alertsYaml))
        {
            yield return new Expression($"alert {rule.Alert}", rule.Expr);
        }

        foreach (var (title, expr) in PanelExpressions(JsonNode.Parse(dashboardJson)!))
        {
            yield return new Expression($"panel '{title}'", expr);
        }
    }

    /// <summary>The dashboard's <c>label_values(metric, label)</c> variable queries.</summary>
    public static IEnumerable<Expression> VariableQueries(string dashboardJson)
    {
        foreach (var variable in JsonNode.Parse(dashboardJson)!["templating"]!["list"]!.AsArray())
        {
            if ((string?)variable!["type"] == "query")
            {
                var query = variable["query"] is JsonObject o ? (string)o["query"]! : (string)variable["query"]!;
                yield return new Expression($"variable ${(string)variable["name"]!}", query);
            }
        }
    }

    /// <summary>
    /// Everything wrong with the names the alerts and the dashboard use, against <paramref name="catalog"/>; also
    /// how many references were checked, so a parser that finds nothing cannot pass.
    /// </summary>
    public static (IReadOnlyList<string> Problems, int Checked) Check(
        MetricCatalog catalog, string alertsYaml, string dashboardJson)
    {
        var problems = new List<string>();
        var count = 0;
        foreach (var expression in Expressions(alertsYaml, dashboardJson))
        {
            foreach (var reference in PromQl.References(expression.PromQl))
            {
                count++;
                problems.AddRange(catalog.Problems(reference, expression.Where));
            }
        }

        foreach (var variable in VariableQueries(dashboardJson))
        {
            count++;
            problems.AddRange(catalog.Problems(PromQl.LabelValuesQuery(variable.PromQl), variable.Where));
        }

        return (problems, count);
    }

    private static IEnumerable<(string Title, string Expr)> PanelExpressions(JsonNode dashboard)
    {
        foreach (var panel in dashboard["panels"]!.AsArray())
        {
            foreach (var nested in Panels(panel!))
            {
                foreach (var target in nested["targets"]?.AsArray() ?? [])
                {
                    if (target?["expr"] is { } expr)
                    {
                        yield return ((string)nested["title"]!, (string)expr!);
                    }
                }
            }
        }
    }

    /// <summary>A panel and the panels of a collapsed row.</summary>
    private static IEnumerable<JsonNode> Panels(JsonNode panel) =>
        [panel, .. (panel["panels"]?.AsArray() ?? []).Select(p => p!)];

    private static Dictionary<string, string> Strings(JsonNode? node) =>
        node?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(p =>
            KeyValuePair.Create((string)p.Key, ToJson(p.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
