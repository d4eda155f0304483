using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Operator.Api;
using Operator.Controllers;
using Operator.Keys;
using ScimEndpoint;

namespace Operator.IntegrationTests;

/// <summary>
/// ScimKey → Secret → key set → endpoint, against the Kubernetes API emulator with a real operator host and, where
/// the test says so, a real SCIM endpoint watching the key-set Secret.
/// </summary>
public abstract class KeyLifecycleTests
{
    /// <summary>Test output for informational figures; set by the concrete suites.</summary>
    private protected Xunit.Abstractions.ITestOutputHelper? Output { get; init; }

    /// <summary>The cluster the suite runs against.</summary>
    private protected abstract Task<OperatorCluster> StartClusterAsync();

    [Fact]
    public virtual async Task A_key_for_a_missing_tenant_waits_and_is_issued_when_the_tenant_appears()
    {
        await using var cluster = await StartClusterAsync();
        await using var op = await cluster.StartOperatorAsync();

        await cluster.CreateKeyAsync("entra", "acme");
        var waiting = await cluster.WaitForKeyAsync("entra", "False", "TenantNotFound");
        Assert.Null(waiting.Status!.TokenId);
        Assert.Null(await cluster.GetSecretAsync("entra-scim-token"));

        await cluster.CreateTenantAsync("acme");
        var key = await cluster.WaitForKeyAsync("entra", "True", "Issued");
        var secret = (await cluster.GetSecretAsync("entra-scim-token"))!;
        var token = OperatorCluster.Text(secret, "token");
        Assert.True(ScimToken.IsWellFormed(token));
        Assert.Equal("https://scim.example.test/scim/v2", OperatorCluster.Text(secret, "tenantUrl"));
        Assert.Equal(key.Metadata.Uid, Assert.Single(secret.Metadata.OwnerReferences).Uid);
        Assert.Equal(ScimToken.Fingerprint(ScimToken.Sha256Hex(token)), key.Status!.Fingerprint);
        Assert.Contains(ScimKeyReconciler.Finalizer, key.Metadata.Finalizers);

        var tenant = await cluster.WaitForAsync<ScimTenant>("acme",
            t => t.Status?.ActiveKeys == 1 && t.Status.Conditions?.Any(c => c.Type == "KeySetReady" && c.Status == "True") == true,
            "tenant KeySetReady with one key");
        Assert.Equal("https://scim.example.test/scim/v2", tenant.Status!.TenantUrl);
        var keySet = OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-keyset"))!, "keys.json");
        Assert.Contains(ScimToken.Sha256Hex(token), keySet, StringComparison.Ordinal);
        Assert.DoesNotContain(token, keySet, StringComparison.Ordinal);
        Assert.DoesNotContain(token, KubernetesJson.Serialize(key), StringComparison.Ordinal);
        Assert.DoesNotContain(token, KubernetesJson.Serialize(tenant), StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task A_deleted_secret_is_reissued_with_a_warning_event()
    {
        await using var cluster = await StartClusterAsync();
        await using var op = await cluster.StartOperatorAsync();
        await cluster.CreateTenantAsync("acme");
        await cluster.CreateKeyAsync("entra", "acme");
        var before = await cluster.WaitForKeyAsync("entra", "True", "Issued");
        var oldToken = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");

        await cluster.Client.CoreV1.DeleteNamespacedSecretAsync("entra-scim-token", cluster.Namespace);
        var after = await cluster.WaitForAsync<ScimKey>("entra", k => k.Status?.Revision == 2, "revision 2");
        var newToken = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
        Assert.NotEqual(oldToken, newToken);
        Assert.NotEqual(before.Status!.TokenId, after.Status!.TokenId);

        await OperatorCluster.EventuallyAsync(async () =>
        {
            var events = await cluster.Client.EventsV1.ListNamespacedEventAsync(cluster.Namespace);
            return events.Items.Any(e => e.Reason == "SecretReissued" && e.Type == "Warning" &&
                e.Regarding.Name == "entra" && e.Note.Contains("Entra", StringComparison.Ordinal) &&
                !e.Note.Contains(newToken, StringComparison.Ordinal));
        }, "SecretReissued warning");
        // The key set follows: the old token's hash is gone, the new one is in.
        await OperatorCluster.EventuallyAsync(async () =>
        {
            var keySet = OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-keyset"))!, "keys.json");
            return keySet.Contains(ScimToken.Sha256Hex(newToken), StringComparison.Ordinal) &&
                !keySet.Contains(ScimToken.Sha256Hex(oldToken), StringComparison.Ordinal);
        }, "key set updated");
    }

    [Fact]
    public virtual async Task A_secret_owned_by_something_else_is_a_conflict_and_stays_untouched()
    {
        await using var cluster = await StartClusterAsync();
        await using var op = await cluster.StartOperatorAsync();
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "entra-scim-token" },
            StringData = new Dictionary<string, string> { ["token"] = "someone-elses" },
        }, cluster.Namespace);
        await cluster.CreateTenantAsync("acme");
        await cluster.CreateKeyAsync("entra", "acme");

        await cluster.WaitForKeyAsync("entra", "False", "SecretConflict");
        var secret = (await cluster.GetSecretAsync("entra-scim-token"))!;
        Assert.Equal("someone-elses", OperatorCluster.Text(secret, "token"));
        Assert.Null(secret.Metadata.OwnerReferences);
    }

    [Fact]
    public virtual async Task Rotation_keeps_the_old_token_for_the_grace_period_then_drops_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await StartClusterAsync();
        await using var op = await cluster.StartOperatorAsync(time);
        await cluster.CreateTenantAsync("acme");
        await cluster.CreateKeyAsync("entra", "acme", configure: s => s.Rotation = new KeyRotation { Trigger = "one", GracePeriod = "1h" });
        await cluster.WaitForKeyAsync("entra", "True", "Issued");
        var oldToken = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");

        await cluster.PatchSpecAsync<ScimKey>("entra", new { rotation = new { trigger = "two" } });
        var rotating = await cluster.WaitForKeyAsync("entra", "True", "Rotating");
        var newToken = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(2, rotating.Status!.Revision);
        await WaitForKeySetAsync(cluster, [oldToken, newToken], []);

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(2));
        await cluster.WaitForKeyAsync("entra", "True", "Issued");
        await WaitForKeySetAsync(cluster, [newToken], [oldToken]);
    }

    [Fact]
    public virtual async Task Expiry_flips_ready_at_the_injected_instant_and_the_endpoint_then_refuses_the_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await StartClusterAsync();
        await using var op = await cluster.StartOperatorAsync(time);
        await using var endpoint = await StartEndpointAsync(cluster, "acme", time);
        await cluster.CreateTenantAsync("acme");
        await cluster.CreateKeyAsync("entra", "acme", configure: s => s.ExpiresAfter = "1h");
        var key = await cluster.WaitForKeyAsync("entra", "True", "Issued");
        var token = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
        await WaitForStatusAsync(cluster, endpoint, token, HttpStatusCode.OK);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await GetUsersAsync(endpoint, token));
        Assert.Equal("True", (await cluster.GetAsync<ScimKey>("entra"))!.Status!.Conditions![0].Status);

        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await cluster.WaitForKeyAsync("entra", "False", "Expired");
        Assert.Equal(HttpStatusCode.Unauthorized, await GetUsersAsync(endpoint, token));
        Assert.Equal(key.Status!.ExpiresAt, (await cluster.GetAsync<ScimKey>("entra"))!.Status!.ExpiresAt);
    }

    [Fact]
    public virtual async Task The_endpoint_accepts_a_new_key_and_refuses_a_deleted_one_without_a_restart()
    {
        await using var cluster = await StartClusterAsync();
        await using var op = await cluster.StartOperatorAsync();
        await using var endpoint = await StartEndpointAsync(cluster, "acme", TimeProvider.System);
        await cluster.CreateTenantAsync("acme");
        await cluster.CreateKeyAsync("entra", "acme");
        await cluster.WaitForKeyAsync("entra", "True");
        var ready = System.Diagnostics.Stopwatch.StartNew();
        var token = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
        await WaitForStatusAsync(cluster, endpoint, token, HttpStatusCode.OK);
        var accepted = ready.Elapsed;

        var deleted = System.Diagnostics.Stopwatch.StartNew();
        await cluster.DeleteAsync<ScimKey>("entra");
        await WaitForStatusAsync(cluster, endpoint, token, HttpStatusCode.Unauthorized);
        var refused = deleted.Elapsed;
        await OperatorCluster.EventuallyAsync(async () => await cluster.GetAsync<ScimKey>("entra") is null, "key finalized and gone");

        // Informational only (the bound is 5 s): the test asserts the outcome, never a time.
        Output?.WriteLine($"accepted {accepted.TotalSeconds:F2} s after Ready was observed; refused {refused.TotalSeconds:F2} s after the delete");
    }

    private static async Task WaitForKeySetAsync(OperatorCluster cluster, string[] present, string[] absent) =>
        await OperatorCluster.EventuallyAsync(async () =>
        {
            var keySet = OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-keyset"))!, "keys.json");
            return present.All(t => keySet.Contains(ScimToken.Sha256Hex(t), StringComparison.Ordinal)) &&
                absent.All(t => !keySet.Contains(ScimToken.Sha256Hex(t), StringComparison.Ordinal));
        }, "key set content");

    /// <summary>The endpoint of <paramref name="tenant"/> against the cluster; <paramref name="settings"/> adds to its
    /// configuration, <paramref name="services"/> registers services after its own.</summary>
    internal static async Task<WebApplication> StartEndpointAsync(OperatorCluster cluster, string tenant, TimeProvider time,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var app = ScimApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scim:ListenAddress"] = "127.0.0.1",
                ["Scim:Port"] = "0",
                ["Scim:ManagementPort"] = "0",
                ["Scim:Tenant"] = tenant,
                ["Scim:KeySetSecretName"] = tenant + "-scim-keyset",
                ["Scim:KeySetSecretNamespace"] = cluster.Namespace,
                ["Scim:Kubeconfig"] = cluster.Kubeconfig,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Services.AddSingleton(time);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return app;
    }

    internal static async Task<HttpStatusCode> GetUsersAsync(WebApplication endpoint, string token)
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(new Uri(endpoint.ScimBaseUri() + "/Users?count=1"));
        return response.StatusCode;
    }

    internal static Task WaitForStatusAsync(OperatorCluster cluster, WebApplication endpoint, string token, HttpStatusCode expected) =>
        OperatorCluster.EventuallyAsync(async () => await GetUsersAsync(endpoint, token) == expected, $"endpoint answers {expected}");
}
