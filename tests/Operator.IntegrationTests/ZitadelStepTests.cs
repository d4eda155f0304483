using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Emulators.Zitadel;
using Emulators.Zitadel.Faults;
using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Controllers.Zitadel;
using Xunit.Abstractions;
using AdminResource = Emulators.Zitadel.State.AdministratorResource;

namespace Operator.IntegrationTests;

/// <summary>
/// The ZITADEL step against the Kubernetes API emulator and the ZITADEL emulator, with a real operator host. Ready
/// stays False here (no endpoint step); these tests assert <c>ZitadelReady</c>.
/// </summary>
public sealed class ZitadelStepTests(ITestOutputHelper output)
{
    internal static readonly Dictionary<string, string?> FastResync = new()
    {
        ["Operator:Scim:ZitadelResyncInterval"] = "00:00:00.500",
        ["Operator:Scim:ZitadelRetryInterval"] = "00:00:00.500",
    };

    [Fact]
    public async Task A_tenant_by_names_gets_its_organization_project_roles_service_user_and_pat_once()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        await using var cluster = await OperatorCluster.StartAsync();
        await CreateCredentialsAsync(cluster, zitadel.AdminPat);
        var op = await cluster.StartOperatorAsync(settings: FastResync);
        await cluster.CreateAsync(Tenant(cluster, zitadel, spec =>
        {
            spec.Zitadel.Organization = new ZitadelObjectRef { Name = "Acme", Create = true };
            spec.ServiceUser = new ServiceUserSpec { InstanceRoles = ["IAM_OWNER_VIEWER", "IAM_USER_MANAGER"] };
        }));

        var tenant = await WaitForZitadelAsync(cluster, "True", "Reconciled");
        var org = Assert.Single(zitadel.State.Organizations, o => o.Name == "Acme");
        var project = Assert.Single(zitadel.State.Projects, p => p.Name == "Apps");
        Assert.Equal(org.Id, project.OrganizationId);
        Assert.Equal(org.Id, tenant.Status!.OrganizationId);
        Assert.Equal(project.Id, tenant.Status.ProjectId);
        Assert.Equal(2, tenant.Status.RolesInSync);
        Assert.Equal(0, tenant.Status.Provisioning!.Users);
        Assert.Equal(0, tenant.Status.Provisioning.Groups);
        Assert.Contains(zitadel.State.ProjectRoles, r => r.Key == "admin" && r.DisplayName == "Administrator" && r.Group == "ops");
        Assert.Contains(zitadel.State.ProjectRoles, r => r.Key == "reader" && r.DisplayName == "reader");

        var serviceUser = Assert.Single(zitadel.State.Users, u => u.UserName == $"scim-{cluster.Namespace}-acme");
        Assert.NotNull(serviceUser.Machine);
        Assert.Equal(serviceUser.Id, tenant.Status.ServiceUserId);
        var admins = zitadel.State.Administrators.Where(a => a.UserId == serviceUser.Id).ToList();
        Assert.Equal(["ORG_USER_MANAGER"], Assert.Single(admins, a => a.Resource == AdminResource.Organization && a.ResourceId == org.Id).Roles);
        Assert.Equal(["IAM_OWNER_VIEWER", "IAM_USER_MANAGER"], Assert.Single(admins, a => a.Resource == AdminResource.Instance).Roles.Order());
        // Groups are mapped (the default), so the endpoint may keep SCIM groups as roles of this one project.
        Assert.Equal(["PROJECT_OWNER"], Assert.Single(admins, a => a.Resource == AdminResource.Project && a.ResourceId == project.Id).Roles);
        Assert.Equal(3, admins.Count);

        var secret = (await cluster.GetSecretAsync("acme-scim-zitadel"))!;
        var pat = OperatorCluster.Text(secret, "pat");
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("scim-operator", secret.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("acme", secret.Metadata.Labels["scim.operator.dev/tenant"]);
        Assert.Equal(tenant.Metadata.Uid, Assert.Single(secret.Metadata.OwnerReferences).Uid);
        Assert.True(PatIsValid(zitadel, pat, serviceUser.Id));
        Assert.DoesNotContain(pat, KubernetesJson.Serialize(tenant), StringComparison.Ordinal);
        Assert.DoesNotContain(zitadel.AdminPat, KubernetesJson.Serialize(tenant), StringComparison.Ordinal);

        // Steady state: what one resync costs when nothing changes. Counted over whole resyncs only (from the first
        // ListOrganizations, which starts each, to the last), so a resync cut by the log's clear does not count.
        zitadel.Requests.Clear();
        List<string> calls = [];
        await OperatorCluster.EventuallyAsync(() =>
        {
            calls = zitadel.Requests.Entries.Select(e => e.Method).ToList();
            return Task.FromResult(calls.Count(m => m == "ListOrganizations") >= 3);
        }, "three resyncs");
        var first = calls.IndexOf("ListOrganizations");
        var whole = calls.GetRange(first, calls.LastIndexOf("ListOrganizations") - first);
        var resyncs = whole.Count(m => m == "ListOrganizations");
        output.WriteLine($"steady state: {whole.Count} calls in {resyncs} resyncs: " +
            string.Join(", ", whole.Distinct().Select(m => $"{m}×{whole.Count(c => c == m)}")));
        Assert.InRange(whole.Count, resyncs, resyncs * 7);
        Assert.DoesNotContain(calls, m => !m.StartsWith("List", StringComparison.Ordinal) && !m.StartsWith("Get", StringComparison.Ordinal));

        // Drift: a display name changed in ZITADEL is set back on the next resync.
        await CallAsync(zitadel, "zitadel.project.v2.ProjectService/UpdateProjectRole",
            new JsonObject { ["projectId"] = project.Id, ["roleKey"] = "admin", ["displayName"] = "Changed by hand" });
        await OperatorCluster.EventuallyAsync(() => Task.FromResult(
            zitadel.State.ProjectRoles.Any(r => r.Key == "admin" && r.DisplayName == "Administrator")), "drift corrected");

        // A restart never reissues the PAT.
        await op.DisposeAsync();
        var resyncsBefore = zitadel.Requests.Count("ListOrganizations");
        op = await cluster.StartOperatorAsync(settings: FastResync);
        await OperatorCluster.EventuallyAsync(
            () => Task.FromResult(zitadel.Requests.Count("ListOrganizations") > resyncsBefore + 1),
            "the restarted operator to check ZITADEL");
        await WaitForZitadelAsync(cluster, "True", "Reconciled");
        Assert.Equal(pat, OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-zitadel"))!, "pat"));
        Assert.Equal(0, zitadel.Requests.Count("AddPersonalAccessToken")); // none since the log was cleared

        // Rotation: a new PAT in the Secret, then the old one is removed from ZITADEL.
        await cluster.PatchSpecAsync<ScimTenant>("acme", new { serviceUser = new { credentialRotationTrigger = "2026-01" } });
        string rotated = pat;
        await OperatorCluster.EventuallyAsync(async () =>
        {
            rotated = OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-zitadel"))!, "pat");
            return rotated != pat && !PatIsValid(zitadel, pat, serviceUser.Id);
        }, "PAT rotated and the old one removed");
        Assert.True(PatIsValid(zitadel, rotated, serviceUser.Id));

        // A deleted Secret is reissued.
        await cluster.Client.CoreV1.DeleteNamespacedSecretAsync("acme-scim-zitadel", cluster.Namespace);
        await OperatorCluster.EventuallyAsync(async () =>
            await cluster.GetSecretAsync("acme-scim-zitadel") is { } reissued && OperatorCluster.Text(reissued, "pat") != rotated,
            "PAT reissued after the Secret was deleted");
        await op.DisposeAsync();
    }

    [Fact]
    public async Task Only_a_new_generation_new_credentials_or_the_resync_interval_cost_zitadel_calls()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        await using var cluster = await OperatorCluster.StartAsync();
        await CreateCredentialsAsync(cluster, zitadel.AdminPat);
        await using var op = await cluster.StartOperatorAsync(); // the default resync: 5 minutes
        await cluster.CreateAsync(Tenant(cluster, zitadel, spec => spec.Zitadel.Organization.Create = true));
        await WaitForZitadelAsync(cluster, "True", "Reconciled");
        zitadel.Requests.Clear();

        // A key for the tenant: the tenant is reconciled (its key set, the endpoint's Role, its status), ZITADEL is not.
        await cluster.CreateKeyAsync("entra", "acme");
        await cluster.WaitForKeyAsync("entra", "True");
        await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.ActiveKeys == 1, "the key in the tenant's key set");
        Assert.Empty(zitadel.Requests.Entries);

        // New credentials (a new resourceVersion) are checked at the tenant's next reconcile: here, another key's.
        await cluster.Client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch(new { metadata = new { labels = new { rotated = "1" } } }, V1Patch.PatchType.MergePatch),
            "zitadel-operator", cluster.Namespace);
        await cluster.CreateKeyAsync("backup", "acme");
        await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.ActiveKeys == 2, "the second key in the key set");
        await OperatorCluster.EventuallyAsync(() => Task.FromResult(zitadel.Requests.Count("ListOrganizations") == 1),
            "one full ZITADEL check after the credentials changed");

        // A new generation: a full check that applies it.
        await cluster.PatchSpecAsync<ScimTenant>("acme", new { roles = new object[] { new { key = "reader" }, new { key = "writer" } } });
        await OperatorCluster.EventuallyAsync(() => Task.FromResult(zitadel.State.ProjectRoles.Any(r => r.Key == "writer")),
            "the new role in ZITADEL");
        output.WriteLine($"calls: {string.Join(", ", zitadel.Requests.Entries.Select(e => e.Method))}");
    }

    [Fact]
    public async Task Missing_credentials_name_the_secret_and_key_until_they_appear()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        await using var cluster = await OperatorCluster.StartAsync();
        await using var op = await cluster.StartOperatorAsync(settings: FastResync);
        await cluster.CreateAsync(Tenant(cluster, zitadel, spec => spec.Zitadel.Organization.Create = true));

        var tenant = await WaitForZitadelAsync(cluster, "False", "CredentialsNotFound");
        Assert.Contains("Secret 'zitadel-operator' not found", Condition(tenant).Message, StringComparison.Ordinal);
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "zitadel-operator" },
            StringData = new Dictionary<string, string> { ["other"] = "x" },
        }, cluster.Namespace);
        tenant = await WaitForZitadelAsync(cluster, "False", "CredentialsNotFound",
            t => Condition(t).Message.Contains("has no key 'token'", StringComparison.Ordinal));
        await cluster.Client.CoreV1.DeleteNamespacedSecretAsync("zitadel-operator", cluster.Namespace);
        await CreateCredentialsAsync(cluster, zitadel.AdminPat);
        await WaitForZitadelAsync(cluster, "True", "Reconciled");
    }

    [Fact]
    public async Task A_missing_permission_names_the_call_and_the_role_and_what_was_done()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        var orgId = zitadel.CreateOrganization("Acme");
        var owner = zitadel.CreateMachineUser("operator", orgId, AdministratorGrant.Organization(orgId, "ORG_OWNER"));
        await using var cluster = await OperatorCluster.StartAsync();
        await CreateCredentialsAsync(cluster, owner.Pat);
        await using var op = await cluster.StartOperatorAsync(settings: FastResync);
        await cluster.CreateAsync(Tenant(cluster, zitadel, spec =>
            spec.ServiceUser = new ServiceUserSpec { InstanceRoles = ["IAM_OWNER_VIEWER"] }));

        var tenant = await WaitForZitadelAsync(cluster, "False", "PermissionDenied");
        var message = Condition(tenant).Message;
        Assert.Contains("InternalPermissionService/CreateAdministrator(instance) failed (HTTP 403", message, StringComparison.Ordinal);
        Assert.Contains("the operator's identity needs IAM_OWNER", message, StringComparison.Ordinal);
        Assert.Contains("roles 2/2 in sync", message, StringComparison.Ordinal);
        Assert.Contains(zitadel.State.Administrators, a => a.UserId == tenant.Status!.ServiceUserId && a.ResourceId == orgId);
        Assert.DoesNotContain(owner.Pat, message, StringComparison.Ordinal);
        Assert.Equal(2, tenant.Status!.RolesInSync);

        // An org owner cannot create organizations either.
        await cluster.PatchSpecAsync<ScimTenant>("acme", new
        {
            zitadel = new { organization = new { name = "Other", create = true } },
            serviceUser = new { instanceRoles = Array.Empty<string>() },
        });
        tenant = await WaitForZitadelAsync(cluster, "False", "PermissionDenied",
            t => Condition(t).Message.Contains("AddOrganization", StringComparison.Ordinal));
        Assert.Contains("OrganizationService/AddOrganization(Other) failed (HTTP 403", Condition(tenant).Message, StringComparison.Ordinal);
        Assert.Contains("IAM_ORG_MANAGER or IAM_OWNER", Condition(tenant).Message, StringComparison.Ordinal);

        await cluster.PatchSpecAsync<ScimTenant>("acme", new { zitadel = new { organization = new { name = "Acme", create = false } } });
        await WaitForZitadelAsync(cluster, "True", "Reconciled");
    }

    [Fact]
    public async Task Zitadel_unavailable_is_reported_and_recovers()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        await using var cluster = await OperatorCluster.StartAsync();
        await CreateCredentialsAsync(cluster, zitadel.AdminPat);
        await using var op = await cluster.StartOperatorAsync(settings: FastResync);
        await cluster.CreateAsync(Tenant(cluster, zitadel, spec => spec.Zitadel.Organization.Create = true));
        await WaitForZitadelAsync(cluster, "True", "Reconciled");

        zitadel.Faults.FailNext(6, FaultKind.Unavailable, "ListOrganizations");
        var tenant = await WaitForZitadelAsync(cluster, "False", "ZitadelUnavailable");
        Assert.Contains("OrganizationService/ListOrganizations(Acme) failed (HTTP 503", Condition(tenant).Message, StringComparison.Ordinal);
        await WaitForZitadelAsync(cluster, "True", "Reconciled");
    }

    [Theory]
    [InlineData("Delete")]
    [InlineData("Retain")]
    public async Task Deleting_the_tenant_removes_scim_users_group_roles_and_the_service_user_only_under_Delete(string policy)
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        var orgId = zitadel.CreateOrganization("Acme");
        var projectId = zitadel.CreateProject(orgId, "Apps", "scim.team", "legacy");
        var scimUsers = new[] { await CreateHumanAsync(zitadel, orgId, "ann", scim: true), await CreateHumanAsync(zitadel, orgId, "bob", scim: true) };
        var other = await CreateHumanAsync(zitadel, orgId, "carol", scim: false);
        await using var cluster = await OperatorCluster.StartAsync();
        await CreateCredentialsAsync(cluster, zitadel.AdminPat);
        await using var op = await cluster.StartOperatorAsync(settings: FastResync);
        await cluster.CreateAsync(Tenant(cluster, zitadel, spec => spec.DeletionPolicy = policy));

        var tenant = await WaitForZitadelAsync(cluster, "True", "Reconciled");
        Assert.Equal(2, tenant.Status!.Provisioning!.Users);
        Assert.Equal(1, tenant.Status.Provisioning.Groups);
        var serviceUserId = tenant.Status.ServiceUserId!;

        await cluster.DeleteAsync<ScimTenant>("acme");
        await OperatorCluster.EventuallyAsync(async () => await cluster.GetAsync<ScimTenant>("acme") is null, "tenant gone");
        var userIds = zitadel.State.Users.Select(u => u.Id).ToHashSet();
        var roleKeys = zitadel.State.ProjectRoles.Where(r => r.ProjectId == projectId).Select(r => r.Key).ToHashSet();
        Assert.Contains(other, userIds);
        Assert.Contains("legacy", roleKeys);
        Assert.Contains("admin", roleKeys);
        var removed = policy == "Delete";
        Assert.Equal(!removed, scimUsers.All(userIds.Contains));
        Assert.Equal(!removed, userIds.Contains(serviceUserId));
        Assert.Equal(!removed, roleKeys.Contains("scim.team"));
    }

    internal static ScimTenant Tenant(OperatorCluster cluster, ZitadelEmulator zitadel, Action<ScimTenantSpec> configure)
    {
        var tenant = new ScimTenant
        {
            Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = cluster.Namespace },
            Spec = new ScimTenantSpec
            {
                Zitadel = new ZitadelTarget
                {
                    Url = zitadel.Issuer,
                    Organization = new ZitadelObjectRef { Name = "Acme" },
                    Project = new ZitadelObjectRef { Name = "Apps", Create = true },
                    CredentialsSecretRef = new SecretKeyRef { Name = "zitadel-operator" },
                },
                Roles = [new ProjectRoleSpec { Key = "reader" }, new ProjectRoleSpec { Key = "admin", DisplayName = "Administrator", Group = "ops" }],
                Endpoint = new EndpointSpec { PublicBaseUrl = "https://scim.example.test" },
            },
        };
        configure(tenant.Spec);
        return tenant;
    }

    internal static Task<V1Secret> CreateCredentialsAsync(OperatorCluster cluster, string pat) =>
        cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "zitadel-operator" },
            StringData = new Dictionary<string, string> { ["token"] = pat },
        }, cluster.Namespace);

    private static V1Condition Condition(ScimTenant tenant) =>
        tenant.Status!.Conditions!.Single(c => c.Type == ZitadelStep.Condition);

    private static Task<ScimTenant> WaitForZitadelAsync(
        OperatorCluster cluster, string status, string reason, Func<ScimTenant, bool>? also = null) =>
        cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.Conditions?.Any(c => c.Type == ZitadelStep.Condition &&
            c.Status == status && c.Reason == reason) == true && (also is null || also(t)), $"ZitadelReady={status} {reason}");

    private static bool PatIsValid(ZitadelEmulator zitadel, string pat, string userId)
    {
        lock (zitadel.State.Gate)
        {
            return zitadel.State.Credentials.Current.Any(c => c.IsPat && c.Token == pat && c.UserId == userId);
        }
    }

    private static async Task<string> CreateHumanAsync(ZitadelEmulator zitadel, string orgId, string name, bool scim)
    {
        var metadata = new JsonArray();
        if (scim)
        {
            metadata.Add(new JsonObject { ["key"] = "scim.externalId", ["value"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(name + "-oid")) });
        }

        var created = await CallAsync(zitadel, "zitadel.user.v2.UserService/CreateUser", new JsonObject
        {
            ["organizationId"] = orgId,
            ["username"] = name + "@acme.test",
            ["metadata"] = metadata,
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = name, ["familyName"] = "Test" },
                ["email"] = new JsonObject { ["email"] = name + "@acme.test", ["isVerified"] = true },
            },
        });
        return created["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> CallAsync(ZitadelEmulator zitadel, string path, JsonObject body)
    {
        using var http = new HttpClient { BaseAddress = zitadel.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", zitadel.AdminPat);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
