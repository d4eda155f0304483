using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Operator.Api;
using Sandbox;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.IntegrationTests.Replay;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.EndToEnd;

/// <summary>
/// The mission in one test, on the sandbox of <c>make demo</c>: the Kubernetes API emulator, the ZITADEL emulator,
/// the operator, and endpoint processes started by the local kubelet from the Deployment the operator wrote. A
/// tenant and a key from config/samples become Ready; Entra's replay passes with the issued token; Entra-shaped
/// writes land in ZITADEL as mapped; the tenant's status shows the activity; keys are added, revoked and rotated
/// live; deleting the tenant under Retain removes the endpoint and leaves ZITADEL's users alone.
/// </summary>
public sealed class SandboxEndToEndTests(ITestOutputHelper output)
{
    private const string ObjectId = "5f8b6c2e-3a41-4d7e-9b0c-1e2f3a4b5c6d";
    private const string CustomSchema = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

    [Fact]
    public async Task A_tenant_and_a_key_provision_Entra_into_ZITADEL_end_to_end()
    {
        var directory = Directory.CreateTempSubdirectory("scimop-e2e-").FullName;
        await using var sandbox = await SandboxSystem.StartAsync(directory);
        var (tenant, key) = await sandbox.ApplySamplesAsync();
        var name = tenant.Metadata.Name;

        // 1. Ready, with an endpoint process running from the operator's Deployment.
        Uri? scim = null;
        await SandboxSystem.WaitAsync(() => Task.FromResult((scim = sandbox.Kubelet.ScimBaseUri(SandboxSystem.Namespace, name + "-scim")) is not null), "the endpoint process");
        var token = await sandbox.ReadSecretAsync(key.Status!.SecretName!, "token");

        // 2. Entra's replay through the deployed endpoint with the issued token.
        using var http = Client(token);
        await ReplayVerdict.AssertAllPassAsync(new ScimTestClient(http, scim!), appendFeatureFlag: true, "Entra replay end to end", output);

        // 3. What Entra's default mappings send, as the seeds' guides set them up: externalId = objectId,
        //    SingleAppRoleAssignment → roles[primary eq "True"].value, a group with the user as member.
        var user = await PostAsync(http, scim!, "Users", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
            ["userName"] = "e2e.alice@contoso.example",
            ["externalId"] = ObjectId,
            ["active"] = "True",
            ["name"] = new JsonObject { ["givenName"] = "Alice", ["familyName"] = "Example" },
            ["emails"] = new JsonArray(new JsonObject { ["value"] = "e2e.alice@contoso.example", ["type"] = "work", ["primary"] = true }),
            ["roles"] = new JsonArray(new JsonObject { ["primary"] = "True", ["type"] = "WindowsAzureActiveDirectoryRole", ["value"] = "Admin" }),
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = new JsonObject { ["department"] = "Finance" },
            [CustomSchema] = new JsonObject { ["costCentre"] = "42" }, // spec.mappings.customSchemas of the sample
        });
        var userId = (string)user["id"]!;
        var group = await PostAsync(http, scim!, "Groups", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["displayName"] = "E2E Finance",
            ["externalId"] = "9d1c2b3a-0000-4000-8000-000000000001",
            ["members"] = new JsonArray(new JsonObject { ["value"] = userId }),
        });

        var state = sandbox.Zitadel.State;
        var zUser = Assert.Single(state.Users, u => u.Id == userId);
        Assert.Equal(sandbox.Demo.OrganizationId, zUser.OrganizationId);
        Assert.Equal("e2e.alice@contoso.example", zUser.UserName);
        Assert.Contains(state.Metadata, m => m.UserId == userId && Encoding.UTF8.GetString(m.Value) == ObjectId);
        Assert.Contains(state.Metadata, m => m.UserId == userId && Encoding.UTF8.GetString(m.Value).Contains("Finance", StringComparison.Ordinal));
        // spec.mappings.metadata of the sample: the department also as plain text under the tenant's key.
        Assert.Contains(state.Metadata, m => m.UserId == userId && m.Key == "department" && Encoding.UTF8.GetString(m.Value) == "Finance");
        Assert.Contains(state.Metadata, m => m.UserId == userId && m.Key == "scim." + CustomSchema
            && Encoding.UTF8.GetString(m.Value) == "{\"costCentre\":\"42\"}");
        var link = Assert.Single(state.IdpLinks, l => l.UserId == userId);
        Assert.Equal((sandbox.Demo.IdpId, ObjectId), (link.IdpId, link.ExternalUserId));
        var grant = Assert.Single(state.Authorizations, a => a.UserId == userId);
        Assert.Equal(sandbox.Demo.ProjectId, grant.ProjectId);
        Assert.Contains("admin", grant.RoleKeys);                      // the app role, mapped in the tenant spec
        var groupRole = Assert.Single(state.ProjectRoles, r => r.ProjectId == sandbox.Demo.ProjectId && r.DisplayName == "E2E Finance");
        Assert.Contains(groupRole.Key, grant.RoleKeys);                // the group, as a role its member holds
        Assert.Equal((string)group["id"]!, groupRole.Key);
        Assert.Equal("Entra groups:9d1c2b3a-0000-4000-8000-000000000001", groupRole.Group); // spec.mappings.groups.roleGroup

        // 4. The tenant's status shows the activity (the endpoint writes it within 30 s) and the counts.
        var status = await WaitForTenantAsync(sandbox, name, t =>
            t.Status?.Provisioning is { LastSuccessTime: not null, RequestsLastHour: > 0, Users: >= 1, Groups: >= 1 });
        output.WriteLine($"provisioning: users {status.Status!.Provisioning!.Users}, groups {status.Status.Provisioning.Groups}, " +
            $"requests {status.Status.Provisioning.RequestsLastHour}, failures {status.Status.Provisioning.FailuresLastHour}");
        await SandboxSystem.WaitAsync(async () => (await GetAsync<ScimKey>(sandbox, key.Metadata.Name, "scimkeys")).Status?.LastUsedTime is not null,
            "the key's lastUsedTime", timeout: TimeSpan.FromSeconds(45));

        // 5. A second key works; deleting the first revokes it without a restart.
        await CreateKeyAsync(sandbox, "second", name, null);
        var second = await WaitForKeyReadyAsync(sandbox, "second");
        var secondToken = await sandbox.ReadSecretAsync(second.Status!.SecretName!, "token");
        await ExpectAsync(scim!, secondToken, HttpStatusCode.OK);
        await sandbox.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, SandboxSystem.Namespace, "scimkeys", key.Metadata.Name);
        await ExpectAsync(scim!, token, HttpStatusCode.Unauthorized);

        // 6. Rotation: both tokens work during the grace period, then only the new one.
        await sandbox.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new { spec = new { rotation = new { trigger = "e2e-1", gracePeriod = "8s" } } }, V1Patch.PatchType.MergePatch),
            ApiGroup.Name, ApiGroup.Version, SandboxSystem.Namespace, "scimkeys", "second");
        await SandboxSystem.WaitAsync(async () => (await GetAsync<ScimKey>(sandbox, "second", "scimkeys")).Status?.RotationTrigger == "e2e-1", "rotation");
        await CreateKeyAsync(sandbox, "ignored", "no-such-tenant", null); // an unrelated key changes nothing
        var rotated = await sandbox.ReadSecretAsync(second.Status.SecretName!, "token");
        Assert.NotEqual(secondToken, rotated);
        await ExpectAsync(scim!, rotated, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scim!, secondToken));
        await ExpectAsync(scim!, secondToken, HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scim!, rotated));

        // 7. Deleting the tenant under Retain: the endpoint's objects go, ZITADEL's users stay.
        await sandbox.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, SandboxSystem.Namespace, "scimtenants", name);
        await SandboxSystem.WaitAsync(async () => await MissingAsync(() => sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync(name + "-scim", SandboxSystem.Namespace)) &&
            await MissingAsync(() => sandbox.Client.CoreV1.ReadNamespacedServiceAsync(name + "-scim", SandboxSystem.Namespace)) &&
            await MissingAsync(() => sandbox.Client.CoreV1.ReadNamespacedSecretAsync(name + "-scim-keyset", SandboxSystem.Namespace)),
            "the endpoint's objects to be garbage-collected");
        await SandboxSystem.WaitAsync(() => Task.FromResult(sandbox.Kubelet.ScimBaseUri(SandboxSystem.Namespace, name + "-scim") is null), "the endpoint process to stop");
        Assert.Contains(sandbox.Zitadel.State.Users, u => u.Id == userId);
    }

    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, Uri scim, string resource, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/scim+json");
        using var response = await http.PostAsync(new Uri(scim + "/" + resource), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {resource} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<HttpStatusCode> StatusAsync(Uri scim, string token)
    {
        using var http = Client(token);
        using var response = await http.GetAsync(new Uri(scim + "/Users?count=1"));
        return response.StatusCode;
    }

    private static Task ExpectAsync(Uri scim, string token, HttpStatusCode expected, TimeSpan? timeout = null) =>
        SandboxSystem.WaitAsync(async () => await StatusAsync(scim, token) == expected, $"the endpoint to answer {expected}", timeout: timeout);

    private static async Task CreateKeyAsync(SandboxSystem sandbox, string name, string tenant, string? trigger)
    {
        var key = new ScimKey
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = SandboxSystem.Namespace },
            Spec = new ScimKeySpec { TenantRef = new Operator.Api.LocalObjectReference { Name = tenant }, Rotation = trigger is null ? null : new KeyRotation { Trigger = trigger } },
        };
        await sandbox.Client.CustomObjects.CreateNamespacedCustomObjectAsync(key, ApiGroup.Name, ApiGroup.Version, SandboxSystem.Namespace, "scimkeys");
    }

    private static async Task<ScimKey> WaitForKeyReadyAsync(SandboxSystem sandbox, string name)
    {
        ScimKey? key = null;
        await SandboxSystem.WaitAsync(async () =>
        {
            key = await GetAsync<ScimKey>(sandbox, name, "scimkeys");
            return key.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        }, $"ScimKey {name} Ready");
        return key!;
    }

    private static async Task<ScimTenant> WaitForTenantAsync(SandboxSystem sandbox, string name, Func<ScimTenant, bool> condition)
    {
        ScimTenant? tenant = null;
        await SandboxSystem.WaitAsync(async () =>
        {
            tenant = await GetAsync<ScimTenant>(sandbox, name, "scimtenants");
            return condition(tenant);
        }, "the tenant's provisioning status", () => KubernetesJson.Serialize(tenant), TimeSpan.FromSeconds(60));
        return tenant!;
    }

    private static async Task<T> GetAsync<T>(SandboxSystem sandbox, string name, string plural) =>
        KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(
            await sandbox.Client.CustomObjects.GetNamespacedCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, SandboxSystem.Namespace, plural, name)));

    private static async Task<bool> MissingAsync<T>(Func<Task<T>> read)
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
}
