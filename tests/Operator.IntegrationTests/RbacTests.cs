using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Runtime;

namespace Operator.IntegrationTests;

/// <summary>
/// The RBAC in config/rbac grants every call the operator makes. A scenario drives the operator through creation,
/// the endpoint's objects (a PodDisruptionBudget and an Ingress that come and go), rotation, a Secret conflict, a
/// reissue after deletion, a status conflict and deletion; every request it sent (told apart by its User-Agent in the
/// emulator's request log) must be allowed by the ClusterRole or, for Leases, by the leader-election Role. The emulator itself allows everything, so this is the check.
/// </summary>
public sealed class RbacTests
{
    [Fact]
    public async Task The_shipped_roles_grant_every_call_the_operator_makes()
    {
        var cluster = await OperatorCluster.StartAsync();
        await using (cluster)
        {
            await using (await cluster.StartOperatorAsync(services: new FakeZitadel().Register))
            {
                await cluster.CreateTenantAsync("acme");
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
                await cluster.PatchSpecAsync<ScimKey>("a", new { rotation = new { trigger = "2" } });
                await cluster.WaitForKeyAsync("a", "True", "Rotating");
                await cluster.Client.CoreV1.DeleteNamespacedSecretAsync("a-scim-token", cluster.Namespace);
                await cluster.WaitForAsync<ScimKey>("a", k => k.Status?.Revision == 3, "reissued");
                cluster.Api.Faults.ConflictStorm(3, r => r.Subresource == "status");
                await cluster.CreateKeyAsync("c", "acme");
                await cluster.WaitForKeyAsync("c", "True");
                await cluster.DeleteAsync<ScimKey>("a");
                await OperatorCluster.EventuallyAsync(async () => await cluster.GetAsync<ScimKey>("a") is null, "a finalized");

                // The endpoint's Role follows the tenant's keys (its status rule names them): wait for the current ones.
                V1Role? role = null;
                await OperatorCluster.EventuallyAsync(async () =>
                {
                    role = await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("acme-scim", cluster.Namespace);
                    return role.Rules.Any(r => r.Resources.Contains("scimkeys/status") && r.ResourceNames?.Contains("c") == true);
                }, "the endpoint Role to name the tenant's keys", () => KubernetesJson.Serialize(role));
            }

            var calls = cluster.Api.Requests.Snapshot()
                .Where(r => r.UserAgent?.StartsWith(OperatorRuntimeServiceCollectionExtensions.UserAgent, StringComparison.Ordinal) == true)
                // A server-side apply that creates (201) is authorized as create as well as patch.
                .SelectMany(r => r.Verb == "patch" && r.StatusCode == 201 ? new[] { (r, "patch"), (r, "create") } : [(r, r.Verb)])
                .Select(x => (Group: x.r.Group ?? "", Resource: x.r.Subresource is { Length: > 0 } sub ? x.r.Resource + "/" + sub : x.r.Resource, Verb: x.Item2))
                .Distinct()
                .ToList();
            Assert.NotEmpty(calls);

            var rules = await LoadRulesAsync();
            var denied = calls.Where(c => !rules.Any(rule => Allows(rule, c.Group, c.Resource!, c.Verb))).ToList();
            Assert.True(denied.Count == 0, "not granted by config/rbac: " + string.Join(", ", denied));
            Assert.Contains(calls, c => c.Resource == "leases");
            Assert.Contains(calls, c => c.Resource == "scimkeys/status" && c.Verb == "update");
            Assert.Contains(calls, c => c.Resource == "deployments" && c.Verb == "patch");
            Assert.Contains(calls, c => c.Resource == "deployments" && c.Verb == "create");
            Assert.Contains(calls, c => c.Resource == "roles" && c.Verb == "patch");
            Assert.Contains(calls, c => c.Resource == "ingresses" && c.Verb == "delete");
            Assert.Contains(calls, c => c.Resource == "poddisruptionbudgets" && c.Verb == "delete");

            // RBAC's escalation check: the operator may only grant the endpoint what it holds itself.
            var endpointRole = await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("acme-scim", cluster.Namespace);
            var ungranted = endpointRole.Rules
                .SelectMany(r => r.Resources.SelectMany(res => r.Verbs.Select(v => (Group: r.ApiGroups.Single(), Resource: res, Verb: v))))
                .Where(g => !rules.Any(rule => Allows(rule, g.Group, g.Resource, g.Verb)))
                .ToList();
            Assert.True(ungranted.Count == 0, "the endpoint's Role grants what the operator lacks: " + string.Join(", ", ungranted));
            Assert.Contains(endpointRole.Rules, r => r.Resources.Contains("scimkeys/status"));
        }
    }

    private static bool Allows(V1PolicyRule rule, string group, string resource, string verb) =>
        rule.ApiGroups.Contains(group) && rule.Resources.Contains(resource) && rule.Verbs.Contains(verb) &&
        rule.ResourceNames is null or { Count: 0 };

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
}
