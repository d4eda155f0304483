using System.Globalization;
using k8s;
using Operator.Api;

namespace Operator.IntegrationTests;

/// <summary>The operator's /metrics carries the controller-runtime names and the per-object gauges.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_use_controller_runtime_names_and_report_keys_and_tenants()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await using var op = await cluster.StartOperatorAsync(services: new FakeZitadel().Register);
        await cluster.CreateTenantAsync("acme");
        await cluster.CreateKeyAsync("k", "acme", s => s.ExpiresAfter = "2160h");
        var key = await cluster.WaitForKeyAsync("k", "True");
        await EndpointStepTests.EventuallyReadAsync(cluster, c => c.AppsV1.ReadNamespacedDeploymentAsync("acme-scim", cluster.Namespace));
        await SimulatedController.RollOutAsync(cluster, "acme-scim");
        await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, "tenant Ready");

        using var http = new HttpClient { BaseAddress = op.Management };
        string text = "";
        var ns = cluster.Namespace;
        await OperatorCluster.EventuallyAsync(async () =>
        {
            text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return text.Contains($"scim_tenant_ready_status{{namespace=\"{ns}\",name=\"acme\"}} 1", StringComparison.Ordinal);
        }, "tenant gauge", () => text);

        Assert.Contains($"scim_key_ready_status{{namespace=\"{ns}\",name=\"k\",tenant=\"acme\"}} 1", text, StringComparison.Ordinal);
        var expiry = new DateTimeOffset(DateTime.SpecifyKind(key.Status!.ExpiresAt!.Value, DateTimeKind.Utc)).ToUnixTimeSeconds();
        Assert.Contains($"scim_key_expiration_timestamp_seconds{{namespace=\"{ns}\",name=\"k\",tenant=\"acme\"}} {expiry.ToString(CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"scimkey\",result=\"success\"}", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"scimtenant\"}", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket{controller=\"scimkey\"", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"scimkey\"}", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_adds_total{name=\"scimtenant\"}", text, StringComparison.Ordinal);
        Assert.Contains("leader_election_master_status{name=\"scim-operator-leader\"} 1", text, StringComparison.Ordinal);

        await cluster.DeleteAsync<ScimKey>("k");
        await OperatorCluster.EventuallyAsync(async () =>
        {
            text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return !text.Contains("scim_key_ready_status{", StringComparison.Ordinal);
        }, "the deleted key's series removed", () => text);
    }
}
