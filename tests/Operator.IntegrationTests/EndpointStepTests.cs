using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Operator.Api;

namespace Operator.IntegrationTests;

/// <summary>
/// The endpoint step on the Kubernetes emulator with a real operator host. A fake ZITADEL step resolves every tenant;
/// the tests act as the deployment controller the emulator lacks ("simulated controller").
/// </summary>
public sealed class EndpointStepTests
{
    private const string Name = "acme-scim";

    [Fact]
    public async Task Every_object_is_owned_and_labelled_ready_follows_the_deployment_and_goes_with_the_tenant()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var fake = new FakeZitadel();
        await using var op = await cluster.StartOperatorAsync(services: fake.Register);
        var tenant = await cluster.CreateTenantAsync("acme");

        var deployment = await EventuallyReadAsync(cluster, c => c.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace));
        await WaitForEndpointReadyAsync(cluster, "False", "Progressing");
        var objects = new List<IKubernetesObject<V1ObjectMeta>>
        {
            deployment,
            await cluster.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, cluster.Namespace),
            await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name, cluster.Namespace),
            await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name, cluster.Namespace),
            await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace),
            await cluster.Client.CoreV1.ReadNamespacedServiceAsync(Name, cluster.Namespace),
        };
        foreach (var obj in objects)
        {
            var owner = Assert.Single(obj.Metadata.OwnerReferences);
            Assert.Equal((tenant.Metadata.Uid, true, "ScimTenant"), (owner.Uid, owner.Controller, owner.Kind));
            Assert.Equal("scim-endpoint", obj.Metadata.Labels["app.kubernetes.io/name"]);
            Assert.Equal("acme", obj.Metadata.Labels["app.kubernetes.io/instance"]);
            Assert.Equal("scim-operator", obj.Metadata.Labels["app.kubernetes.io/managed-by"]);
            Assert.Equal("acme", obj.Metadata.Labels["scim.operator.dev/tenant"]);
        }

        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal("acme-scim", pod.ServiceAccountName);
        Assert.Equal(Operator.Controllers.OperatorSettings.DefaultEndpointImage, container.Image);
        Assert.Equal("scim-zitadel-credential", Assert.Single(container.Env).ValueFrom.SecretKeyRef.Name);
        Assert.Equal("acme-scim-config", Assert.Single(container.EnvFrom).ConfigMapRef.Name);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Null(await TryReadAsync(() => cluster.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(Name, cluster.Namespace)));
        Assert.Null(await TryReadAsync(() => cluster.Client.NetworkingV1.ReadNamespacedIngressAsync(Name, cluster.Namespace)));

        await SimulatedController.RollOutAsync(cluster, Name);
        await WaitForEndpointReadyAsync(cluster, "True", "Available");
        await cluster.WaitForAsync<ScimTenant>("acme", t => Condition(t, "Ready")?.Status == "True", "tenant Ready");

        await cluster.DeleteAsync<ScimTenant>("acme");
        await OperatorCluster.EventuallyAsync(async () =>
            await TryReadAsync(() => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)) is null &&
            await TryReadAsync(() => cluster.Client.CoreV1.ReadNamespacedServiceAsync(Name, cluster.Namespace)) is null &&
            await TryReadAsync(() => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace)) is null &&
            await TryReadAsync(() => cluster.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, cluster.Namespace)) is null &&
            await TryReadAsync(() => cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name, cluster.Namespace)) is null &&
            await TryReadAsync(() => cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name, cluster.Namespace)) is null,
            "the endpoint's objects garbage-collected");
    }

    [Fact]
    public async Task A_config_or_credential_change_rolls_the_pods_and_a_new_key_does_not()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var fake = new FakeZitadel();
        await using var op = await cluster.StartOperatorAsync(services: fake.Register);
        await cluster.CreateTenantAsync("acme");
        var first = ConfigHash(await EventuallyReadAsync(cluster, c => c.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)));

        await cluster.CreateKeyAsync("entra", "acme");
        await cluster.WaitForKeyAsync("entra", "True");
        await OperatorCluster.EventuallyAsync(async () =>
        {
            var role = await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name, cluster.Namespace);
            return role.Rules.Any(r => r.Resources.Contains("scimkeys/status") && r.ResourceNames?.Contains("entra") == true);
        }, "the key's status is writable by the endpoint");
        Assert.Equal(first, ConfigHash(await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)));

        await cluster.PatchSpecAsync<ScimTenant>("acme", new { mappings = new { appRoles = new[] { new { value = "Admin", roleKeys = new[] { "admin", "owner" } } } } });
        var second = await WaitForNewHashAsync(cluster, first);
        var config = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace);
        Assert.Equal("admin,owner", config.Data["Scim__Zitadel__AppRoles__Admin"]);

        fake.Resolution = fake.Resolution with { CredentialVersion = "2" };
        await cluster.PatchSpecAsync<ScimTenant>("acme", new { provisioning = new { emailVerified = true } });
        await WaitForNewHashAsync(cluster, second);
    }

    [Fact]
    public async Task Mappings_reach_the_config_and_roll_the_pods_and_a_bad_one_is_InvalidMapping_with_nothing_applied()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await using var op = await cluster.StartOperatorAsync(services: new FakeZitadel().Register);
        await cluster.CreateTenantAsync("acme");
        var first = ConfigHash(await EventuallyReadAsync(cluster, c => c.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)));

        await cluster.PatchSpecAsync<ScimTenant>("acme", new
        {
            mappings = new { metadata = new[] { new { path = "title", key = "jobTitle" } }, groups = new { roleGroup = "Entra" } },
        });
        var second = await WaitForNewHashAsync(cluster, first);
        var config = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace);
        Assert.Equal(("title", "jobTitle", "Entra"), (config.Data["Scim__Zitadel__MetadataMappings__0__Path"],
            config.Data["Scim__Zitadel__MetadataMappings__0__Key"], config.Data["Scim__Zitadel__GroupRoleGroup"]));

        // The schema's pattern admits this key; only the CEL rule (not evaluated by the emulator, nor by servers
        // without CEL) refuses it, so it reaches the controller.
        await cluster.PatchSpecAsync<ScimTenant>("acme", new { mappings = new { metadata = new[] { new { path = "title", key = "scim.title" } } } });
        var tenant = await cluster.WaitForAsync<ScimTenant>("acme", t => Condition(t, "Ready") is { Reason: "InvalidMapping" } c &&
            c.ObservedGeneration == t.Metadata.Generation, "Ready=False InvalidMapping");
        Assert.Contains("spec.mappings.metadata[0].key", Condition(tenant, "Ready")!.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidSpec", Condition(tenant, "EndpointReady")!.Reason);
        await OperatorCluster.EventuallyAsync(async () =>
        {
            var events = await cluster.Client.EventsV1.ListNamespacedEventAsync(cluster.Namespace);
            return events.Items.Any(e => e.Reason == "InvalidMapping" && e.Type == "Warning" && e.Regarding.Name == "acme");
        }, "InvalidMapping warning");
        config = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace);
        Assert.Equal("jobTitle", config.Data["Scim__Zitadel__MetadataMappings__0__Key"]);
        Assert.Equal(second, ConfigHash(await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)));
    }

    [Fact]
    public async Task Replicas_bring_a_disruption_budget_and_the_ingress_comes_and_goes_with_the_spec()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var fake = new FakeZitadel();
        await using var op = await cluster.StartOperatorAsync(services: fake.Register);
        await cluster.CreateTenantAsync("acme", baseUrl: null);
        await EventuallyReadAsync(cluster, c => c.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace));
        await SimulatedController.RollOutAsync(cluster, Name);
        await WaitForEndpointReadyAsync(cluster, "True", "Available");

        await cluster.PatchSpecAsync<ScimTenant>("acme", new { endpoint = new { replicas = 2 } });
        var pdb = await EventuallyReadAsync(cluster, c => c.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(Name, cluster.Namespace));
        Assert.Equal("1", pdb.Spec.MaxUnavailable.Value);
        await WaitForEndpointReadyAsync(cluster, "False", "Progressing");
        var config = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace);
        Assert.Equal("ProjectRoleLock", config.Data["Scim__Zitadel__MembershipCoordination"]);
        await SimulatedController.RollOutAsync(cluster, Name);
        await WaitForEndpointReadyAsync(cluster, "True", "Available");

        await cluster.PatchSpecAsync<ScimTenant>("acme", new { endpoint = new { replicas = 1 } });
        await OperatorCluster.EventuallyAsync(async () =>
            await TryReadAsync(() => cluster.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(Name, cluster.Namespace)) is null,
            "the PodDisruptionBudget deleted at one replica");

        await cluster.PatchSpecAsync<ScimTenant>("acme", new
        {
            endpoint = new
            {
                ingress = new
                {
                    host = "scim.acme.example.com",
                    className = "nginx",
                    tlsSecretName = "acme-tls",
                    annotations = new Dictionary<string, string> { ["cert-manager.io/cluster-issuer"] = "letsencrypt" },
                },
            },
        });
        var ingress = await EventuallyReadAsync(cluster, c => c.NetworkingV1.ReadNamespacedIngressAsync(Name, cluster.Namespace));
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal("acme-tls", Assert.Single(ingress.Spec.Tls).SecretName);
        Assert.Equal("letsencrypt", ingress.Metadata.Annotations["cert-manager.io/cluster-issuer"]);
        var path = Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths);
        Assert.Equal(("/scim", Name, "http"), (path.Path, path.Backend.Service.Name, path.Backend.Service.Port.Name));
        await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.TenantUrl == "https://scim.acme.example.com/scim/v2", "Tenant URL from the Ingress");
        await OperatorCluster.EventuallyAsync(async () =>
            (await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace)).Data
                .TryGetValue("Scim__PublicBaseUrl", out var url) && url == "https://scim.acme.example.com/scim/v2",
            "the endpoint's public base URL");

        // Fields dropped from the spec leave the live Ingress (server-side apply removes what the operator stopped setting).
        await MergePatchTenantAsync(cluster, """{"spec":{"endpoint":{"ingress":{"annotations":null,"tlsSecretName":null}}}}""");
        await OperatorCluster.EventuallyAsync(async () =>
        {
            ingress = await cluster.Client.NetworkingV1.ReadNamespacedIngressAsync(Name, cluster.Namespace);
            return ingress.Spec.Tls is null or { Count: 0 } &&
                ingress.Metadata.Annotations?.ContainsKey("cert-manager.io/cluster-issuer") != true;
        }, "TLS and the annotation removed", () => KubernetesJson.Serialize(ingress));

        await MergePatchTenantAsync(cluster, """{"spec":{"endpoint":{"ingress":null}}}""");
        await OperatorCluster.EventuallyAsync(async () =>
            await TryReadAsync(() => cluster.Client.NetworkingV1.ReadNamespacedIngressAsync(Name, cluster.Namespace)) is null,
            "the Ingress deleted");
        await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.TenantUrl == $"http://acme-scim.{cluster.Namespace}.svc/scim/v2",
            "Tenant URL back to the Service");
    }

    [Fact]
    public async Task Drift_is_corrected_on_owned_fields_only()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var fake = new FakeZitadel();
        await using var op = await cluster.StartOperatorAsync(services: fake.Register);
        await cluster.CreateTenantAsync("acme");
        await EventuallyReadAsync(cluster, c => c.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace));

        var edit = JsonNode.Parse("""
            {"metadata":{"labels":{"team":"platform"}},
             "spec":{"template":{"spec":{"containers":[{"name":"scim-endpoint","image":"evil/scim:latest"}]}}}}
            """);
        await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(edit, V1Patch.PatchType.StrategicMergePatch), Name, cluster.Namespace, fieldManager: "someone");
        V1Deployment? live = null;
        await OperatorCluster.EventuallyAsync(async () =>
        {
            live = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace);
            return live.Spec.Template.Spec.Containers[0].Image == Operator.Controllers.OperatorSettings.DefaultEndpointImage;
        }, "the image restored", () => KubernetesJson.Serialize(live));
        Assert.Equal("platform", live!.Metadata.Labels["team"]);

        // API-server defaults (clusterIP, protocol, imagePullPolicy) are not drift: a quiet operator writes nothing more.
        var before = live.Metadata.ResourceVersion;
        await cluster.PatchSpecAsync<ScimTenant>("acme", new { pruneRoles = false });
        await cluster.WaitForAsync<ScimTenant>("acme", t => Condition(t, "EndpointReady")?.ObservedGeneration == t.Metadata.Generation,
            "the change reconciled");
        Assert.Equal(before, (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Nothing_is_deployed_without_zitadel_and_a_foreign_object_is_never_taken_over()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await using (await cluster.StartOperatorAsync())
        {
            await cluster.CreateTenantAsync("acme");
            await WaitForEndpointReadyAsync(cluster, "False", "WaitingForZitadel");
            Assert.Null(await TryReadAsync(() => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)));
            Assert.Null(await TryReadAsync(() => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace)));
        }

        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = Name + "-config" },
            Data = new Dictionary<string, string> { ["mine"] = "yes" },
        }, cluster.Namespace);
        await using var op = await cluster.StartOperatorAsync(identity: "operator-1", services: new FakeZitadel().Register);
        var tenant = await WaitForEndpointReadyAsync(cluster, "False", "ResourceConflict");
        Assert.Contains("ConfigMap 'acme-scim-config'", Condition(tenant, "EndpointReady")!.Message, StringComparison.Ordinal);
        var foreign = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(Name + "-config", cluster.Namespace);
        Assert.Equal(["mine"], foreign.Data.Keys);
        Assert.Null(foreign.Metadata.OwnerReferences);
        Assert.Null(await TryReadAsync(() => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace)));
    }

    private static V1Condition? Condition(ScimTenant tenant, string type) =>
        tenant.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static Task<ScimTenant> WaitForEndpointReadyAsync(OperatorCluster cluster, string status, string reason) =>
        cluster.WaitForAsync<ScimTenant>("acme", t => Condition(t, "EndpointReady") is { } c && c.Status == status &&
            c.Reason == reason && c.ObservedGeneration == t.Metadata.Generation, $"EndpointReady={status} {reason}");

    private static string ConfigHash(V1Deployment deployment) =>
        deployment.Spec.Template.Metadata.Annotations["scim.operator.dev/config-hash"];

    private static async Task<string> WaitForNewHashAsync(OperatorCluster cluster, string old)
    {
        var hash = old;
        await OperatorCluster.EventuallyAsync(async () =>
        {
            hash = ConfigHash(await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, cluster.Namespace));
            return hash != old;
        }, "a new config hash on the pod template", () => hash);
        return hash;
    }

    private static async Task MergePatchTenantAsync(OperatorCluster cluster, string json) =>
        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(JsonNode.Parse(json), V1Patch.PatchType.MergePatch),
            ApiGroup.Name, ApiGroup.Version, cluster.Namespace, "scimtenants", "acme");

    internal static async Task<T> EventuallyReadAsync<T>(OperatorCluster cluster, Func<IKubernetes, Task<T>> read)
        where T : class
    {
        T? found = null;
        await OperatorCluster.EventuallyAsync(async () => (found = await TryReadAsync(() => read(cluster.Client))) is not null,
            typeof(T).Name + " created");
        return found!;
    }

    internal static async Task<T?> TryReadAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
