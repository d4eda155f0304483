using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Operator.Api;
using Sandbox;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.IntegrationTests.Replay;
using Xunit.Abstractions;

namespace E2E.Tests.Scenarios;

/// <summary>
/// The four end-to-end checks, written once against a <see cref="SandboxSystem"/> so they run on k3s and on
/// the Kubernetes API emulator alike. Each takes the tenant name it works under, so the checks share one cluster
/// without touching each other's objects.
/// </summary>
internal sealed class EndToEndScenarios(SandboxSystem system, ITestOutputHelper output)
{
    /// <summary>How soon a deleted key's token must be refused.</summary>
    public static readonly TimeSpan RevocationDeadline = TimeSpan.FromSeconds(5);

    private const string Ns = SandboxSystem.Namespace;

    /// <summary>A tenant and a key from config/samples become Ready; the key's Secret holds the token and URL.</summary>
    public async Task TenantAndKeyBecomeReadyAsync(string name)
    {
        var applied = await ApplySamplesAsync(name);

        var secret = await system.Client.CoreV1.ReadNamespacedSecretAsync(applied.Key.Status!.SecretName!, Ns);
        Assert.True(secret.Data.TryGetValue("token", out var token) && token.Length > 0, "the Secret has no token");
        Assert.True(secret.Data.TryGetValue("tenantUrl", out var url), "the Secret has no tenantUrl");
        Assert.Equal($"http://{name}-scim.{Ns}.svc/scim/v2", System.Text.Encoding.UTF8.GetString(url));
    }

    /// <summary>Entra's replay passes through the deployed endpoint with the issued token and lands in ZITADEL.</summary>
    public async Task EntraReplayLandsInZitadelAsync(string name)
    {
        var applied = await ApplySamplesAsync(name);
        var scim = await EndpointAsync(name);
        var before = ZitadelFootprint.Take(system.Zitadel, system.Demo.OrganizationId, system.Demo.ProjectId);

        using var http = Client(applied.Token);
        await ReplayVerdict.AssertAllPassAsync(new ScimTestClient(http, scim), appendFeatureFlag: true, $"Entra replay on {name}", output);

        var after = ZitadelFootprint.Take(system.Zitadel, system.Demo.OrganizationId, system.Demo.ProjectId);
        var problems = before.ProblemsAfterReplay(after);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>Deleting the key makes the endpoint refuse its token within <see cref="RevocationDeadline"/>.</summary>
    public async Task DeletedKeyIsRefusedAsync(string name)
    {
        var applied = await ApplySamplesAsync(name);
        var scim = await EndpointAsync(name);
        await SandboxSystem.WaitAsync(async () => await StatusAsync(scim, applied.Token) == HttpStatusCode.OK,
            "the endpoint to accept the issued token");

        await system.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            ApiGroup.Name, ApiGroup.Version, Ns, "scimkeys", applied.Key.Metadata.Name);

        await SandboxSystem.WaitAsync(async () => await StatusAsync(scim, applied.Token) == HttpStatusCode.Unauthorized,
            "the deleted key's token to be refused", timeout: RevocationDeadline);
    }

    /// <summary>
    /// Deleting the tenant: the Deployment, Service and key-set Secret it owns are removed by the garbage collector
    /// (they carry the tenant as controller owner; the operator deletes none of them), and the endpoint stops.
    /// </summary>
    public async Task DeletedTenantIsCollectedAsync(string name)
    {
        var applied = await ApplySamplesAsync(name);
        await EndpointAsync(name);
        var owned = new (string What, Func<Task<V1ObjectMeta>> Read)[]
        {
            ("Deployment", async () => (await system.Client.AppsV1.ReadNamespacedDeploymentAsync(name + "-scim", Ns)).Metadata),
            ("Service", async () => (await system.Client.CoreV1.ReadNamespacedServiceAsync(name + "-scim", Ns)).Metadata),
            ("Secret", async () => (await system.Client.CoreV1.ReadNamespacedSecretAsync(name + "-scim-keyset", Ns)).Metadata),
        };
        foreach (var (what, read) in owned)
        {
            var metadata = await read();
            Assert.True(metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == applied.Tenant.Metadata.Uid) == true,
                $"{what} {metadata.Name} is not owned by the tenant");
        }

        await system.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            ApiGroup.Name, ApiGroup.Version, Ns, "scimtenants", name, propagationPolicy: "Background");

        foreach (var (what, read) in owned)
        {
            await SandboxSystem.WaitAsync(() => IsGoneAsync(read), $"the tenant's {what} to be garbage-collected");
        }

        await SandboxSystem.WaitAsync(() => Task.FromResult(system.Kubelet.ScimBaseUri(Ns, name + "-scim") is null),
            "the endpoint process to stop");
    }

    private async Task<AppliedSamples> ApplySamplesAsync(string name)
    {
        var samples = (await SampleObjects.LoadAsync(SandboxSystem.RepoPath("config", "samples")))
            .PointedAt(system.Zitadel.BaseUri, system.Demo, publicBaseUrl: null)
            .Named(name);
        var (tenant, key) = await system.ApplyAsync(samples);
        output.WriteLine($"{name}: tenant and key Ready (logs under {system.Directory})");
        return new AppliedSamples(tenant, key, await system.ReadSecretAsync(key.Status!.SecretName!, "token"));
    }

    private async Task<Uri> EndpointAsync(string name)
    {
        Uri? scim = null;
        await SandboxSystem.WaitAsync(() => Task.FromResult((scim = system.Kubelet.ScimBaseUri(Ns, name + "-scim")) is not null),
            $"the endpoint process of {name}");
        return scim!;
    }

    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<HttpStatusCode> StatusAsync(Uri scim, string token)
    {
        using var http = Client(token);
        using var response = await http.GetAsync(new Uri(scim + "/Users?count=1"));
        return response.StatusCode;
    }

    private static async Task<bool> IsGoneAsync(Func<Task<V1ObjectMeta>> read)
    {
        try
        {
            await read();
            return false;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    private sealed record AppliedSamples(ScimTenant Tenant, ScimKey Key, string Token);
}
