using System.Text.RegularExpressions;

namespace ScimEndpoint.IntegrationTests.Observability;

/// <summary>The alert files agree with each other, and every alert is labelled, described and has a runbook.</summary>
public sealed partial class AlertFilesTests
{
    private const string RunbookPrefix = "https://github.com/scim-operator/scim-operator/blob/main/docs/operations.md#";

    [Fact]
    public void KustomizePrometheusRule_HasTheChartsGroups()
    {
        var chart = MonitoringFiles.Yaml(File.ReadAllText(MonitoringFiles.AlertsPath))!;
        var rule = MonitoringFiles.Yaml(File.ReadAllText(MonitoringFiles.PrometheusRulePath))!;

        Assert.Equal("PrometheusRule", (string?)rule["kind"]);
        Assert.Equal("monitoring.coreos.com/v1", (string?)rule["apiVersion"]);
        Assert.Equal(chart.ToJsonString(), rule["spec"]!.ToJsonString());
    }

    [Fact]
    public void EveryAlert_HasSeveritySummaryDescriptionAndAnExistingRunbookSection()
    {
        var rules = MonitoringFiles.Rules(File.ReadAllText(MonitoringFiles.AlertsPath));
        var anchors = Anchors(File.ReadAllText(MonitoringFiles.OperationsDocPath));

        Assert.True(rules.Count >= 7, $"{rules.Count} alerts");
        Assert.Equal(rules.Count, rules.Select(r => r.Alert).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rules, rule =>
        {
            Assert.Contains(rule.Labels.GetValueOrDefault("severity"), new[] { "critical", "warning", "info" });
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), rule.Alert);
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("description")), rule.Alert);
            var runbook = rule.Annotations.GetValueOrDefault("runbook_url") ?? "";
            Assert.StartsWith(RunbookPrefix, runbook, StringComparison.Ordinal);
            Assert.True(anchors.Contains(runbook[RunbookPrefix.Length..]), $"{rule.Alert}: no section #{runbook[RunbookPrefix.Length..]} in docs/operations.md");
        });
    }

    [Fact]
    public void Dashboard_HasDatasourceAndTenantVariablesAndUsesThem()
    {
        var dashboard = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(MonitoringFiles.DashboardPath))!;
        var variables = dashboard["templating"]!["list"]!.AsArray().Select(v => ((string)v!["name"]!, (string)v["type"]!)).ToList();

        Assert.InRange((int)dashboard["schemaVersion"]!, 36, 41);
        Assert.Contains(("datasource", "datasource"), variables);
        Assert.Contains(("tenant", "query"), variables);
        var panels = dashboard["panels"]!.AsArray().Where(p => (string?)p!["type"] != "row").ToList();
        Assert.All(panels, p => Assert.Equal("${datasource}", (string?)p!["datasource"]!["uid"]));
        Assert.Contains(panels, p => p!.ToJsonString().Contains("$tenant", StringComparison.Ordinal));
    }

    /// <summary>GitHub's heading anchors: lower case, spaces to '-', punctuation other than '-' and '_' dropped.</summary>
    internal static HashSet<string> Anchors(string markdown) =>
        [.. Heading().Matches(markdown).Select(m => Slug(m.Groups[1].Value))];

    private static string Slug(string heading) =>
        string.Concat(heading.Trim().ToLowerInvariant().Replace(' ', '-').Where(c => char.IsLetterOrDigit(c) || c is '-' or '_'));

    [GeneratedRegex("^#{1,6} +(.+?) *#*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
