using System.Text;
using KubernetesEmulator.Tests;
using Operator.Keys;

namespace Operator.IntegrationTests;

/// <summary>
/// The platform engineer's path with real kubectl: apply the CRDs and the samples from this repository, watch the
/// printer columns, wait for Ready, read the token, delete (the finalizer runs), and see bad YAML refused.
/// </summary>
public sealed class KubectlTests
{
    [KubectlFact]
    public async Task Crds_and_samples_apply_become_ready_print_and_delete_with_kubectl()
    {
        await using var cluster = await OperatorCluster.StartAsync(installCrds: false);
        using var kubectl = new Kubectl(cluster.Api);

        Assert.Contains("created", await kubectl.OkAsync("apply", "-f", OperatorCluster.RepoPath("config", "crds")), StringComparison.Ordinal);
        await kubectl.OkAsync("wait", "--for=condition=Established", "crd/scimkeys.scim.operator.dev",
            "crd/scimtenants.scim.operator.dev", "--timeout=30s");
        await using var op = await cluster.StartOperatorAsync(settings: new Dictionary<string, string?>
        {
            ["Operator:Namespaces:0"] = "default",
            ["Operator:LeaderElection:Namespace"] = "default",
        }, services: new FakeZitadel().Register);

        var applied = await kubectl.OkAsync("apply", "-f", OperatorCluster.RepoPath("config", "samples"));
        Assert.Contains("scimkey.scim.operator.dev/acme-entra created", applied, StringComparison.Ordinal);
        Assert.Contains("scimtenant.scim.operator.dev/acme created", applied, StringComparison.Ordinal);
        Assert.Contains("condition met", await kubectl.OkAsync("wait", "--for=condition=Ready", "scimkey/acme-entra", "--timeout=30s"), StringComparison.Ordinal);
        await OperatorCluster.EventuallyAsync(async () => (await kubectl.RunAsync("get", "deployment", "acme-scim")).ExitCode == 0,
            "the endpoint Deployment");
        await SimulatedController.RollOutAsync(cluster, "acme-scim", "default");
        await kubectl.OkAsync("wait", "--for=condition=Ready", "scimtenant/acme", "--timeout=30s");

        // The sample key lives 90 days, so its next deadline is months away: reconciles must settle, not fail.
        using (var http = new HttpClient { BaseAddress = op.Management })
        {
            var metrics = "";
            await OperatorCluster.EventuallyAsync(async () =>
            {
                metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                return new[] { "scimkey", "scimtenant" }.All(c =>
                    metrics.Contains($"workqueue_depth{{name=\"{c}\"}} 0", StringComparison.Ordinal) &&
                    metrics.Contains($"controller_runtime_active_workers{{controller=\"{c}\"}} 0", StringComparison.Ordinal));
            }, "both controllers idle", () => metrics);
            Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"scimkey\"} 0", metrics, StringComparison.Ordinal);
            Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"scimtenant\"} 0", metrics, StringComparison.Ordinal);
        }

        var keys = await kubectl.OkAsync("get", "scimkeys");
        Assert.Matches(@"^NAME\s+TENANT\s+READY\s+EXPIRES\s+LAST USED\s+AGE", keys);
        Assert.Matches(@"acme-entra\s+acme\s+True\s+20\d\d-", keys);
        var wide = await kubectl.OkAsync("get", "skey", "-o", "wide");
        Assert.Matches(@"REASON\s+FINGERPRINT", wide);
        Assert.Contains("sha256:", wide, StringComparison.Ordinal);
        var tenants = await kubectl.OkAsync("get", "scimtenants");
        Assert.Matches(@"^NAME\s+READY\s+TENANT URL\s+USERS\s+GROUPS\s+AGE", tenants);
        Assert.Contains("https://scim.acme.example.com/scim/v2", tenants, StringComparison.Ordinal);
        var category = await kubectl.OkAsync("get", "scim", "-o", "name");
        Assert.Contains("scimkey.scim.operator.dev/acme-entra", category, StringComparison.Ordinal);
        Assert.Contains("scimtenant.scim.operator.dev/acme", category, StringComparison.Ordinal);

        var token = Encoding.UTF8.GetString(Convert.FromBase64String(
            await kubectl.OkAsync("get", "secret", "acme-entra-scim-token", "-o", "jsonpath={.data.token}")));
        Assert.True(ScimToken.IsWellFormed(token));
        var tenantUrl = Encoding.UTF8.GetString(Convert.FromBase64String(
            await kubectl.OkAsync("get", "secret", "acme-entra-scim-token", "-o", "jsonpath={.data.tenantUrl}")));
        Assert.Equal("https://scim.acme.example.com/scim/v2", tenantUrl);
        Assert.DoesNotContain(token, await kubectl.OkAsync("get", "scimkey", "acme-entra", "-o", "yaml"), StringComparison.Ordinal);

        // Default kubectl delete waits until the object is gone: the finalizer must have run.
        Assert.Contains("deleted", await kubectl.OkAsync("delete", "scimkey", "acme-entra", "--timeout=30s"), StringComparison.Ordinal);
        var gone = await kubectl.RunAsync("get", "scimkey", "acme-entra");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.Stderr, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task A_key_that_breaks_the_schema_is_refused_with_the_field_named()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        using var kubectl = new Kubectl(cluster.Api);
        var file = kubectl.File_("bad-key.yaml", """
            apiVersion: scim.operator.dev/v1alpha1
            kind: ScimKey
            metadata:
              name: bad
              namespace: default
            spec:
              tenantRef:
                name: acme
              expiresAfter: 90d
            """);

        var result = await kubectl.RunAsync("apply", "-f", file);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is invalid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.expiresAfter", result.Stderr, StringComparison.Ordinal);
    }
}
