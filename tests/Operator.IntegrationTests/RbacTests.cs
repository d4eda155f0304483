using System.Net;
using Emulators.Kubernetes.Hosting;
using Emulators.Zitadel;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Operator.Api;
using Operator.Runtime;
using ScimEndpoint.Status;

namespace Operator.IntegrationTests;

/// <summary>
/// The RBAC the operator ships grants exactly the calls the operator makes, and the Role it generates for each
/// tenant's endpoint grants exactly the calls the endpoint makes: nothing missing, nothing extra. Scenarios drive
/// each through every path while the emulator's request log records every request (told apart by User-Agent); the
/// emulator itself allows everything, so these comparisons are the check. The chart's rules equal config/rbac
/// (Deployment.Tests).
/// </summary>
public sealed class RbacTests
{
    /// <summary>
    /// Grants of config/rbac the operator never calls itself but must hold so that it may create each endpoint's Role
    /// (RBAC refuses a Role that grants more than its creator holds). Each must be granted by the endpoint's Role.
    /// </summary>
    private static readonly HashSet<Grant> EscalationOnly =
    [
        // The endpoint merge-patches its tenant's status.provisioning; the operator replaces (PUTs) status instead.
        new("scim.operator.dev", "scimtenants/status", "patch"),
        // The endpoint reads its tenant's status (the other replicas' counts and the resourceVersion) before it
        // patches; the operator reads the whole object from its informer cache instead.
        new("scim.operator.dev", "scimtenants/status", "get"),
        // The endpoint merge-patches its keys' status.lastUsedTime; likewise.
        new("scim.operator.dev", "scimkeys/status", "patch"),
    ];

    private static readonly Dictionary<string, string?> FastResync = new()
    {
        ["Operator:Scim:ZitadelResyncInterval"] = "00:00:00.500",
        ["Operator:Scim:ZitadelRetryInterval"] = "00:00:00.500",
    };

    [Fact]
    public async Task The_shipped_roles_grant_exactly_the_calls_the_operator_makes()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        var cluster = await OperatorCluster.StartAsync();
        await using (cluster)
        {
            await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "zitadel-operator" },
                StringData = new Dictionary<string, string> { ["token"] = zitadel.AdminPat },
            }, cluster.Namespace);

            // Two replicas: one leads (creates and renews the Lease), the other reads it and waits.
            await using (await cluster.StartOperatorAsync(identity: "operator-0", settings: FastResync))
            await using (await cluster.StartOperatorAsync(identity: "operator-1", settings: FastResync))
            {
                await RunOperatorScenarioAsync(cluster, zitadel);
            }

            var calls = Calls(cluster, OperatorRuntimeServiceCollectionExtensions.UserAgent);
            var granted = (await LoadRulesAsync()).SelectMany(Grants).ToHashSet();
            var missing = calls.Keys.Where(c => !granted.Contains(c)).ToList();
            var extra = granted.Where(g => !calls.ContainsKey(g) && !EscalationOnly.Contains(g)).ToList();
            Assert.True(missing.Count == 0, "called but not granted by config/rbac: " + string.Join(", ", missing));
            Assert.True(extra.Count == 0, "granted by config/rbac but never called: " + string.Join(", ", extra));
            Assert.All(EscalationOnly, g => Assert.Contains(g, granted));
            Assert.All(EscalationOnly, g => Assert.DoesNotContain(g, calls.Keys));

            // RBAC's escalation check: the endpoint's Role grants only what the operator holds, and every grant held
            // only for it is one the endpoint's Role grants.
            var tenant = new ScimTenant { Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "default" } };
            var endpointGrants = Operator.Controllers.Endpoint.EndpointManifests.Role(tenant, ["entra"]).Rules.SelectMany(Grants).ToHashSet();
            Assert.DoesNotContain(endpointGrants, g => !granted.Contains(g));
            Assert.DoesNotContain(EscalationOnly, g => !endpointGrants.Contains(g));
        }
    }

    [Fact]
    public async Task The_endpoint_role_grants_exactly_the_calls_the_endpoint_makes()
    {
        var cluster = await OperatorCluster.StartAsync();
        await using (cluster)
        {
            await using var op = await cluster.StartOperatorAsync(services: new FakeZitadel().Register);
            // The endpoint as the operator configures it, reporting status without the 10 s wait.
            await using var endpoint = await KeyLifecycleTests.StartEndpointAsync(cluster, "acme", TimeProvider.System,
                new Dictionary<string, string?> { ["Scim:Status:TenantName"] = "acme", ["Scim:Status:Namespace"] = cluster.Namespace },
                s => s.AddSingleton(new ProvisioningStatusTiming(TimeSpan.FromMilliseconds(200), TimeSpan.Zero)));
            await cluster.CreateTenantAsync("acme");
            await cluster.CreateKeyAsync("entra", "acme");
            await cluster.WaitForKeyAsync("entra", "True");
            var token = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
            await KeyLifecycleTests.WaitForStatusAsync(cluster, endpoint, token, HttpStatusCode.OK);

            // The endpoint reports the request to the tenant's status and the key's lastUsedTime.
            await cluster.WaitForAsync<ScimKey>("entra", k => k.Status?.LastUsedTime is not null, "lastUsedTime reported");
            await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.Provisioning?.RequestsLastHour > 0, "activity reported");
            V1Role? role = null;
            await OperatorCluster.EventuallyAsync(async () =>
            {
                role = await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("acme-scim", cluster.Namespace);
                return role.Rules.Any(r => r.Resources.Contains("scimkeys/status") && r.ResourceNames?.Contains("entra") == true);
            }, "the endpoint Role to name the key", () => KubernetesJson.Serialize(role));

            var calls = Calls(cluster, EndpointUserAgent);
            var granted = role!.Rules.SelectMany(Grants).ToHashSet();
            Assert.Equal(granted.Select(g => g.ToString()).Order(), calls.Keys.Select(g => g.ToString()).Order());

            // Every rule that names objects is kept: each call named one of them (a list or watch by field selector).
            var denied = calls.SelectMany(c => c.Value)
                .Where(r => !role.Rules.Any(rule => Grants(rule).Contains(GrantOf(r)) && NamesAllow(rule, r)))
                .Select(r => $"{r.Verb} {r.Path}?{r.Query}")
                .ToList();
            Assert.True(denied.Count == 0, "outside the Role's resourceNames: " + string.Join(", ", denied));
        }
    }

    /// <summary>Creation, the endpoint's objects coming and going, keys through rotation, conflict, reissue and
    /// deletion, a credential rotation, and both deletion policies; events and the Lease happen along the way.</summary>
    private static async Task RunOperatorScenarioAsync(OperatorCluster cluster, ZitadelEmulator zitadel)
    {
        await cluster.CreateAsync(Tenant(cluster, zitadel, "acme", "Delete"));
        await EndpointStepTests.EventuallyReadAsync(cluster, c => c.AppsV1.ReadNamespacedDeploymentAsync("acme-scim", cluster.Namespace));
        await cluster.PatchSpecAsync<ScimTenant>("acme", new { endpoint = new { replicas = 2, ingress = new { host = "scim.acme.example.com" } } });
        await EndpointStepTests.EventuallyReadAsync(cluster, c => c.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("acme-scim", cluster.Namespace));
        await EndpointStepTests.EventuallyReadAsync(cluster, c => c.NetworkingV1.ReadNamespacedIngressAsync("acme-scim", cluster.Namespace));
        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(System.Text.Json.Nodes.JsonNode.Parse("""{"spec":{"endpoint":{"replicas":1,"ingress":null}}}"""), V1Patch.PatchType.MergePatch),
            ApiGroup.Name, ApiGroup.Version, cluster.Namespace, "scimtenants", "acme");
        await OperatorCluster.EventuallyAsync(async () =>
            await EndpointStepTests.TryReadAsync(() => cluster.Client.NetworkingV1.ReadNamespacedIngressAsync("acme-scim", cluster.Namespace)) is null &&
            await EndpointStepTests.TryReadAsync(() => cluster.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("acme-scim", cluster.Namespace)) is null,
            "Ingress and PodDisruptionBudget deleted");

        await cluster.CreateKeyAsync("a", "acme", s => s.Rotation = new KeyRotation { Trigger = "1" });
        await cluster.CreateKeyAsync("orphan", "missing-tenant");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "b-scim-token" },
            StringData = new Dictionary<string, string> { ["token"] = "x" },
        }, cluster.Namespace);
        await cluster.CreateKeyAsync("b", "acme");
        await cluster.WaitForKeyAsync("a", "True");
        await cluster.WaitForKeyAsync("b", "False", "SecretConflict");

        // The same warning again (a spec change that leaves the conflict) joins the first Event's series: a patch.
        await cluster.PatchSpecAsync<ScimKey>("b", new { secretTemplate = new { labels = new { team = "identity" } } });
        await OperatorCluster.EventuallyAsync(async () =>
            (await cluster.Client.EventsV1.ListNamespacedEventAsync(cluster.Namespace)).Items
                .Any(e => e.Regarding?.Name == "b" && e.Series?.Count >= 2), "the repeated warning counted in a series");
        await cluster.PatchSpecAsync<ScimKey>("a", new { rotation = new { trigger = "2" } });
        await cluster.WaitForKeyAsync("a", "True", "Rotating");
        await cluster.Client.CoreV1.DeleteNamespacedSecretAsync("a-scim-token", cluster.Namespace);
        await cluster.WaitForAsync<ScimKey>("a", k => k.Status?.Revision == 3, "reissued");
        // Key status writes conflict (only keys': a tenant status write could otherwise take all three, and no key
        // would be read again): the controller reads the key again and retries.
        cluster.Api.Faults.ConflictStorm(3, r => r.Resource == "scimkeys" && r.Subresource == "status");
        await cluster.CreateKeyAsync("c", "acme");
        await cluster.WaitForKeyAsync("c", "True");
        await cluster.DeleteAsync<ScimKey>("a");
        await OperatorCluster.EventuallyAsync(async () => await cluster.GetAsync<ScimKey>("a") is null, "a finalized");

        // The ZITADEL service user's PAT is rotated: the tenant's credential Secret is replaced.
        var pat = OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-zitadel"))!, "pat");
        await cluster.PatchSpecAsync<ScimTenant>("acme", new { serviceUser = new { credentialRotationTrigger = "2" } });
        await OperatorCluster.EventuallyAsync(async () =>
            OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-zitadel"))!, "pat") != pat, "PAT rotated");

        // Both deletion policies run their finalizers. The new tenant's first status writes conflict: the controller
        // reads the tenant again and retries.
        cluster.Api.Faults.ConflictStorm(2, r => r.Resource == "scimtenants" && r.Subresource == "status");
        await cluster.CreateAsync(Tenant(cluster, zitadel, "beta", "Retain"));
        await cluster.WaitForAsync<ScimTenant>("beta", t => t.Status?.Conditions?.Any(c => c.Type == "ZitadelReady" && c.Status == "True") == true, "beta resolved");
        foreach (var name in new[] { "beta", "acme" })
        {
            await cluster.DeleteAsync<ScimTenant>(name);
            await OperatorCluster.EventuallyAsync(async () => await cluster.GetAsync<ScimTenant>(name) is null, name + " finalized");
        }
    }

    private static ScimTenant Tenant(OperatorCluster cluster, ZitadelEmulator zitadel, string name, string deletionPolicy) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = cluster.Namespace },
        Spec = new ScimTenantSpec
        {
            Zitadel = new ZitadelTarget
            {
                Url = zitadel.Issuer,
                Organization = new ZitadelObjectRef { Name = "Acme", Create = true },
                Project = new ZitadelObjectRef { Name = name, Create = true },
                CredentialsSecretRef = new SecretKeyRef { Name = "zitadel-operator" },
            },
            Roles = [new ProjectRoleSpec { Key = "reader" }],
            Endpoint = new EndpointSpec { PublicBaseUrl = $"https://scim.{name}.example.test" },
            DeletionPolicy = deletionPolicy,
        },
    };

    private const string EndpointUserAgent = ScimEndpoint.Hosting.KubernetesConnection.UserAgent;

    /// <summary>The requests sent with <paramref name="userAgent"/>, by the grant each needs.</summary>
    private static Dictionary<Grant, List<RequestEntry>> Calls(OperatorCluster cluster, string userAgent)
    {
        var requests = cluster.Api.Requests.Snapshot()
            .Where(r => r.UserAgent.StartsWith(userAgent, StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(requests);

        // A server-side apply that creates (201) is authorized as create as well as patch.
        return requests
            .SelectMany(r => r.Verb == "patch" && r.StatusCode == 201
                ? new[] { (Grant: GrantOf(r), Request: r), (Grant: GrantOf(r) with { Verb = "create" }, Request: r) }
                : [(Grant: GrantOf(r), Request: r)])
            .GroupBy(x => x.Grant)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Request).ToList());
    }

    private static Grant GrantOf(RequestEntry r) =>
        new(r.Group, r.Subresource is { Length: > 0 } sub ? r.Resource + "/" + sub : r.Resource, r.Verb);

    private static IEnumerable<Grant> Grants(V1PolicyRule rule) =>
        from g in rule.ApiGroups from res in rule.Resources from v in rule.Verbs select new Grant(g, res, v);

    /// <summary>A rule with resourceNames allows a request that names one: by path, or (list and watch) by the field
    /// selector <c>metadata.name=</c>.</summary>
    private static bool NamesAllow(V1PolicyRule rule, RequestEntry r)
    {
        if (rule.ResourceNames is null or { Count: 0 })
        {
            return true;
        }

        var name = r.Name ?? System.Web.HttpUtility.ParseQueryString(r.Query)["fieldSelector"] switch
        {
            { } selector when selector.StartsWith("metadata.name=", StringComparison.Ordinal) && !selector.Contains(',', StringComparison.Ordinal)
                => selector["metadata.name=".Length..],
            _ => null,
        };
        return name is not null && rule.ResourceNames.Contains(name);
    }

    private static async Task<List<V1PolicyRule>> LoadRulesAsync()
    {
        var typeMap = new Dictionary<string, Type>
        {
            ["rbac.authorization.k8s.io/v1/ClusterRole"] = typeof(V1ClusterRole),
            ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = typeof(V1ClusterRoleBinding),
            ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
            ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
        };
        var rules = new List<V1PolicyRule>();
        foreach (var file in new[] { "role.yaml", "leader_election_role.yaml" })
        {
            foreach (var obj in await KubernetesYaml.LoadAllFromFileAsync(OperatorCluster.RepoPath("config", "rbac", file), typeMap))
            {
                rules.AddRange(obj switch
                {
                    V1ClusterRole role => role.Rules,
                    V1Role role => role.Rules,
                    _ => [],
                });
            }
        }

        return rules;
    }

    private sealed record Grant(string Group, string Resource, string Verb)
    {
        public override string ToString() => $"{(Group.Length == 0 ? "core" : Group)}/{Resource}:{Verb}";
    }
}
