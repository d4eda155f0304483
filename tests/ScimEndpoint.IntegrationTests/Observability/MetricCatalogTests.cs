using System.Text.RegularExpressions;
using Operator.Tests;

namespace ScimEndpoint.IntegrationTests.Observability;

/// <summary>
/// Issue 6: "a test parses the rules and dashboard and checks that every metric they name is exported". The names
/// and labels of every alert and dashboard expression are checked against what a running operator and endpoint
/// export; docs/operations.md lists every exported metric; both hosts export their build and ZITADEL series.
/// </summary>
public sealed partial class MetricCatalogTests(ExportedMetrics exported) : IClassFixture<ExportedMetrics>
{
    [Fact]
    public void AlertsAndDashboard_NameOnlyExportedMetricsAndLabels()
    {
        var (problems, count) = MonitoringFiles.Check(
            exported.Catalog, File.ReadAllText(MonitoringFiles.AlertsPath), File.ReadAllText(MonitoringFiles.DashboardPath));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(count >= 30, $"only {count} metric references found; the parser lost some");
    }

    [Theory]
    [InlineData("scim_tenant_ready_status == 0", "scim_tenant_ready == 0", "'scim_tenant_ready' is not exported")]
    [InlineData("rate(scim_requests_total[5m])", "rate(scim_request_total[5m])", "'scim_request_total' is not exported")]
    [InlineData("sum by (tenant) (rate(scim_requests_total", "sum by (tenants) (rate(scim_requests_total", "has no label 'tenants'")]
    [InlineData("sum by (controller) (rate(controller_runtime_reconcile_errors_total", "sum by (controller, tenant) (rate(controller_runtime_reconcile_errors_total", "has no label 'tenant'")]
    public void Check_FailsWhenARuleNamesAMissingMetricOrLabel(string original, string broken, string expected)
    {
        var alerts = File.ReadAllText(MonitoringFiles.AlertsPath);
        Assert.Contains(original, alerts, StringComparison.Ordinal);

        var (problems, _) = MonitoringFiles.Check(
            exported.Catalog, alerts.Replace(original, broken, StringComparison.Ordinal), File.ReadAllText(MonitoringFiles.DashboardPath));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("workqueue_depth", "workqueue_length", "panel 'Work queue depth': 'workqueue_length' is not exported")]
    [InlineData("scim_request_duration_seconds_bucket", "scim_request_duration_seconds_buckets", "'scim_request_duration_seconds_buckets' is not exported")]
    [InlineData("scim_request_duration_seconds_bucket", "scim_request_duration_seconds", "'scim_request_duration_seconds' is not exported")]
    [InlineData("sum by (method, le) (rate(scim_zitadel_request_duration_seconds_bucket", "sum by (rpc, le) (rate(scim_zitadel_request_duration_seconds_bucket", "has no label 'rpc'")]
    [InlineData("label_values(scim_keyset_keys, tenant)", "label_values(scim_keyset_keys, tenants)", "variable $tenant: 'scim_keyset_keys' has no label 'tenants'")]
    public void Check_FailsWhenTheDashboardNamesAMissingMetricOrLabel(string original, string broken, string expected)
    {
        var dashboard = File.ReadAllText(MonitoringFiles.DashboardPath);
        Assert.Contains(original, dashboard, StringComparison.Ordinal);

        var (problems, _) = MonitoringFiles.Check(
            exported.Catalog, File.ReadAllText(MonitoringFiles.AlertsPath), dashboard.Replace(original, broken, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void OperationsDoc_ListsEveryExportedMetric()
    {
        var doc = File.ReadAllText(MonitoringFiles.OperationsDocPath);

        var missing = exported.Catalog.Families.Keys.Where(name => !doc.Contains($"`{name}`", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.True(exported.Catalog.Families.Count > 40, "the scrape found too few metrics");
        Assert.True(missing.Count == 0, "docs/operations.md does not mention: " + string.Join(", ", missing));
    }

    [Fact]
    public void BothHosts_ExportBuildInfoWithVersionCommitAndRuntime()
    {
        var version = ProductVersion();
        var dotnet = Environment.Version.ToString();

        foreach (var (text, name) in new[] { (exported.OperatorText, "scim_operator_build_info"), (exported.EndpointText, "scim_endpoint_build_info") })
        {
            var match = Regex.Match(text, "^" + name + "\\{version=\"([^\"]+)\",commit=\"([^\"]+)\",dotnet_version=\"([^\"]+)\"\\} 1$", RegexOptions.Multiline);
            Assert.True(match.Success, $"{name} missing:\n{text}");
            Assert.Equal(version, match.Groups[1].Value);
            Assert.Matches("^([0-9a-f]{40}|unknown)$", match.Groups[2].Value);
            Assert.Equal(dotnet, match.Groups[3].Value);
        }
    }

    [Fact]
    public void BothHosts_CountZitadelCallsAndRetriesByRpcAndCode()
    {
        var tenant = $"tenant=\"{ExportedMetrics.Tenant}\"";

        // The endpoint: the failed CreateUser attempt, its retry, and the GET of a missing user.
        Assert.Contains($"scim_zitadel_requests_total{{{tenant},method=\"CreateUser\",code=\"unavailable\"}} 1", exported.EndpointText, StringComparison.Ordinal);
        Assert.Contains($"scim_zitadel_requests_total{{{tenant},method=\"CreateUser\",code=\"ok\"}} 1", exported.EndpointText, StringComparison.Ordinal);
        Assert.Contains($"scim_zitadel_retries_total{{{tenant},method=\"CreateUser\"}} 1", exported.EndpointText, StringComparison.Ordinal);
        Assert.Contains($"scim_zitadel_request_duration_seconds_count{{{tenant},method=\"CreateUser\"}} 2", exported.EndpointText, StringComparison.Ordinal);
        Assert.Contains($"scim_zitadel_requests_total{{{tenant},method=\"GetUserByID\",code=\"not_found\"}} 1", exported.EndpointText, StringComparison.Ordinal);

        // The operator: its first ZITADEL call failed once with 503 and was retried.
        Assert.Matches(new Regex("^scim_operator_zitadel_requests_total\\{method=\"\\w+\",code=\"unavailable\"\\} 1$", RegexOptions.Multiline), exported.OperatorText);
        Assert.Matches(new Regex("^scim_operator_zitadel_retries_total\\{method=\"\\w+\"\\} [1-9]", RegexOptions.Multiline), exported.OperatorText);
        Assert.Matches(new Regex("^scim_operator_zitadel_requests_total\\{method=\"\\w+\",code=\"ok\"\\} [1-9]", RegexOptions.Multiline), exported.OperatorText);
        Assert.DoesNotMatch(new Regex("method=\"[^\"]*[0-9]{6,}", RegexOptions.Multiline), exported.OperatorText + exported.EndpointText);
    }

    internal static string ProductVersion() =>
        VersionElement().Match(File.ReadAllText(RepoFiles.Path("Directory.Build.props"))).Groups[1].Value;

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
