using System.Net;
using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Controllers;

namespace Operator.IntegrationTests;

/// <summary>The key lifecycle on the Kubernetes API emulator (always runs).</summary>
public sealed class KeyLifecycleOnEmulatorTests : KeyLifecycleTests
{
    public KeyLifecycleOnEmulatorTests(Xunit.Abstractions.ITestOutputHelper output) => Output = output;

    private protected override Task<OperatorCluster> StartClusterAsync() => OperatorCluster.StartAsync();
}

/// <summary>
/// The same suite against a real cluster: every test is re-declared with <see cref="ClusterFactAttribute"/> so it is
/// skipped, with the reason in the test output, unless SCIMOP_E2E_KUBECONFIG names a kubeconfig. Each test works in a
/// namespace of its own (deleted afterwards) and applies the CRDs from config/crds.
/// </summary>
public sealed class KeyLifecycleOnClusterTests : KeyLifecycleTests
{
    public KeyLifecycleOnClusterTests(Xunit.Abstractions.ITestOutputHelper output) => Output = output;

    private protected override Task<OperatorCluster> StartClusterAsync() => OperatorCluster.StartRealAsync();

    [ClusterFact]
    public override Task A_key_for_a_missing_tenant_waits_and_is_issued_when_the_tenant_appears() => base.A_key_for_a_missing_tenant_waits_and_is_issued_when_the_tenant_appears();

    [ClusterFact]
    public override Task A_deleted_secret_is_reissued_with_a_warning_event() => base.A_deleted_secret_is_reissued_with_a_warning_event();

    [ClusterFact]
    public override Task A_secret_owned_by_something_else_is_a_conflict_and_stays_untouched() => base.A_secret_owned_by_something_else_is_a_conflict_and_stays_untouched();

    [ClusterFact]
    public override Task Rotation_keeps_the_old_token_for_the_grace_period_then_drops_it() => base.Rotation_keeps_the_old_token_for_the_grace_period_then_drops_it();

    [ClusterFact]
    public override Task Expiry_flips_ready_at_the_injected_instant_and_the_endpoint_then_refuses_the_token() => base.Expiry_flips_ready_at_the_injected_instant_and_the_endpoint_then_refuses_the_token();

    [ClusterFact]
    public override Task The_endpoint_accepts_a_new_key_and_refuses_a_deleted_one_without_a_restart() => base.The_endpoint_accepts_a_new_key_and_refuses_a_deleted_one_without_a_restart();
}

/// <summary>
/// Restarts, conflict storms, dropped watches and expired resourceVersions, forced through the emulator's fault
/// injection (a real cluster cannot be made to do these on demand).
/// </summary>
public sealed class FaultToleranceTests
{
    [Fact]
    public async Task The_endpoint_refuses_a_deleted_key_even_when_its_watch_reports_an_error_in_place_of_the_change()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await using var op = await cluster.StartOperatorAsync();
        await using var endpoint = await KeyLifecycleTests.StartEndpointAsync(cluster, "acme", TimeProvider.System);
        await cluster.CreateTenantAsync("acme");
        await cluster.CreateKeyAsync("entra", "acme");
        await cluster.WaitForKeyAsync("entra", "True");
        var token = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
        await KeyLifecycleTests.WaitForStatusAsync(cluster, endpoint, token, HttpStatusCode.OK);

        // The endpoint's next key-set watch (it alone watches by field selector) gets an ERROR event in place of its
        // first change, then streams on for up to 5 minutes: only ending that watch at once refuses the key in time.
        cluster.Api.Faults.GarbleWatches(r => r.Resource == "secrets" && r.Query.Contains("fieldSelector", StringComparison.Ordinal), count: 1);
        cluster.Api.DropWatches();
        await cluster.DeleteAsync<ScimKey>("entra");

        await KeyLifecycleTests.WaitForStatusAsync(cluster, endpoint, token, HttpStatusCode.Unauthorized);
        // The endpoint listed its key set again after the error (its first list was at start).
        var keySetLists = cluster.Api.Requests.Count(r => r is { Verb: "list", Resource: "secrets" } &&
            r.Query.Contains("fieldSelector", StringComparison.Ordinal));
        Assert.True(keySetLists >= 2, $"the endpoint listed its key set {keySetLists} time(s)");
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_reconcile_never_reissues_or_duplicates()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await cluster.CreateTenantAsync("acme");
        // Every ScimKey status write fails: the operator creates the Secret, then cannot record it.
        cluster.Api.Faults.FailNext(500, int.MaxValue, r => r.Resource == "scimkeys" && r.Subresource == "status");
        var first = await cluster.StartOperatorAsync();
        await cluster.CreateKeyAsync("entra", "acme");
        await OperatorCluster.EventuallyAsync(async () => await cluster.GetSecretAsync("entra-scim-token") is not null, "Secret created");
        var issued = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
        await first.DisposeAsync();

        cluster.Api.Faults.Clear();
        await using var second = await cluster.StartOperatorAsync(identity: "operator-1");
        var key = await cluster.WaitForKeyAsync("entra", "True", "Issued");

        var secrets = await cluster.Client.CoreV1.ListNamespacedSecretAsync(cluster.Namespace, labelSelector: KeyLabels.Key + "=entra");
        var secret = Assert.Single(secrets.Items);
        Assert.Equal(issued, OperatorCluster.Text(secret, "token"));
        Assert.Equal(1, key.Status!.Revision);
    }

    [Fact]
    public async Task A_conflict_storm_converges()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await using var op = await cluster.StartOperatorAsync();
        cluster.Api.Faults.ConflictStorm(25, r => r.Verb is "update" or "patch" && r.Resource is "scimkeys" or "secrets" or "scimtenants");
        await cluster.CreateTenantAsync("acme");
        for (var i = 0; i < 5; i++)
        {
            await cluster.CreateKeyAsync("k" + i, "acme");
        }

        for (var i = 0; i < 5; i++)
        {
            await cluster.WaitForKeyAsync("k" + i, "True");
        }

        await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.ActiveKeys == 5, "five keys in the key set");
        var secrets = await cluster.Client.CoreV1.ListNamespacedSecretAsync(cluster.Namespace, labelSelector: KeyLabels.Key);
        Assert.Equal(5, secrets.Items.Count);
    }

    [Fact]
    public async Task Dropped_watches_and_expired_resource_versions_lose_no_update()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await using var op = await cluster.StartOperatorAsync();
        await cluster.CreateTenantAsync("acme");
        for (var i = 0; i < 6; i++)
        {
            await cluster.CreateKeyAsync("k" + i, "acme");
            cluster.Api.DropWatches();
            if (i % 2 == 0)
            {
                cluster.Api.CompactHistory();
            }
        }

        for (var i = 0; i < 6; i++)
        {
            await cluster.WaitForKeyAsync("k" + i, "True");
        }

        await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.ActiveKeys == 6, "six keys in the key set");
    }
}
