using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Controllers;
using Operator.Controllers.Endpoint;

namespace Operator.Tests.Controllers.Endpoint;

public sealed class EndpointManifestsTests
{
    private static readonly ZitadelResolution Zitadel = new(
        "https://zitadel.example", "org-1", "project-1", "user-1", "acme-zitadel", "pat", "v1");

    private static ScimTenant Tenant(Action<ScimTenantSpec>? configure = null)
    {
        var tenant = new ScimTenant
        {
            Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "team-a", Uid = "uid-tenant" },
            Spec = new ScimTenantSpec
            {
                Zitadel = new ZitadelTarget { Url = "https://zitadel.example", IdpId = "idp-1" },
                Mappings = new MappingsSpec { AppRoles = [new AppRoleMapping { Value = "Admin", RoleKeys = ["admin", "owner"] }] },
            },
        };
        configure?.Invoke(tenant.Spec);
        return tenant;
    }

    private static EndpointObjects Build(ScimTenant tenant, ZitadelResolution? zitadel = null, params string[] keys) =>
        EndpointManifests.Build(tenant, zitadel ?? Zitadel, "registry.example/scim:1", keys);

    private static string Hash(ScimTenant tenant, ZitadelResolution? zitadel = null, params string[] keys) =>
        Build(tenant, zitadel, keys).Deployment.Spec.Template.Metadata.Annotations[EndpointManifests.ConfigHashAnnotation];

    [Fact]
    public void The_container_runs_restricted()
    {
        var pod = Build(Tenant()).Deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var security = container.SecurityContext;

        Assert.Equal((true, 65532L, true, false), (security.RunAsNonRoot, security.RunAsUser, security.ReadOnlyRootFilesystem, security.AllowPrivilegeEscalation));
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Null(security.Capabilities.Add);
        Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);
        Assert.Equal((true, "RuntimeDefault"), (pod.SecurityContext.RunAsNonRoot, pod.SecurityContext.SeccompProfile.Type));
        Assert.Equal("/tmp", Assert.Single(container.VolumeMounts).MountPath);
        Assert.NotNull(Assert.Single(pod.Volumes).EmptyDir);
        Assert.Equal(("acme-scim", true), (pod.ServiceAccountName, pod.AutomountServiceAccountToken));
    }

    [Fact]
    public void Probes_ports_credential_and_rollout_follow_the_pod_contract()
    {
        var deployment = Build(Tenant()).Deployment;
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);

        Assert.Equal(("/healthz", "management"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value));
        Assert.Equal(("/readyz", "management"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value));
        Assert.Equal([("scim", 8080), ("management", 9090)], container.Ports.Select(p => (p.Name, p.ContainerPort)));
        var credential = Assert.Single(container.Env);
        Assert.Equal(("Scim__Zitadel__PersonalAccessToken", "acme-zitadel", "pat"),
            (credential.Name, credential.ValueFrom.SecretKeyRef.Name, credential.ValueFrom.SecretKeyRef.Key));
        Assert.Equal("acme-scim-config", Assert.Single(container.EnvFrom).ConfigMapRef.Name);
        Assert.Equal("registry.example/scim:1", container.Image);
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal(("0", "1"), (deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value, deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value));
        Assert.Equal(EndpointManifests.Selector(Tenant()), deployment.Spec.Selector.MatchLabels);
        Assert.NotNull(container.Resources.Requests);
    }

    [Fact]
    public void The_spec_image_and_resources_win_over_the_defaults()
    {
        var resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") } };
        var container = Build(Tenant(s => s.Endpoint = new EndpointSpec { Image = "mine/scim:2", Resources = resources }))
            .Deployment.Spec.Template.Spec.Containers[0];

        Assert.Equal("mine/scim:2", container.Image);
        Assert.Same(resources, container.Resources);
    }

    [Fact]
    public void The_config_carries_the_endpoint_settings_and_the_status_keys()
    {
        var data = Build(Tenant(s => s.Provisioning = new ProvisioningSpec { Deprovisioning = "Deactivate", EmailVerified = false }))
            .ConfigMap.Data;

        Assert.Equal("acme", data["Scim__Tenant"]);
        Assert.Equal("0.0.0.0", data["Scim__ListenAddress"]);
        Assert.Equal(("8080", "9090"), (data["Scim__Port"], data["Scim__ManagementPort"]));
        Assert.Equal(("acme-scim-keyset", "team-a"), (data["Scim__KeySetSecretName"], data["Scim__KeySetSecretNamespace"]));
        Assert.Equal("Zitadel", data["Scim__Store"]);
        Assert.Equal(("https://zitadel.example", "org-1", "project-1", "idp-1"),
            (data["Scim__Zitadel__Url"], data["Scim__Zitadel__OrganizationId"], data["Scim__Zitadel__ProjectId"], data["Scim__Zitadel__IdpId"]));
        Assert.Equal(("Deactivate", "false"), (data["Scim__Zitadel__Deprovisioning"], data["Scim__Zitadel__EmailVerified"]));
        Assert.Equal("admin,owner", data["Scim__Zitadel__AppRoles__Admin"]);
        Assert.Equal("None", data["Scim__Zitadel__MembershipCoordination"]);
        Assert.Equal(("acme", "team-a"), (data["Scim__Status__TenantName"], data["Scim__Status__Namespace"]));
        Assert.DoesNotContain("Scim__PublicBaseUrl", data.Keys);
        Assert.DoesNotContain(EndpointConfig.CredentialVariable, data.Keys);
    }

    [Theory]
    [InlineData("https://scim.acme.example", null, "https://scim.acme.example/scim/v2")]
    [InlineData(null, "scim.acme.example", "https://scim.acme.example/scim/v2")]
    public void The_public_base_url_is_the_tenant_url_when_it_is_outside_the_cluster(string? baseUrl, string? host, string expected)
    {
        var data = Build(Tenant(s => s.Endpoint = new EndpointSpec
        {
            PublicBaseUrl = baseUrl,
            Ingress = host is null ? null : new IngressSpec { Host = host },
        })).ConfigMap.Data;

        Assert.Equal(expected, data["Scim__PublicBaseUrl"]);
    }

    [Fact]
    public void The_config_hash_changes_with_the_config_and_the_credential_but_not_with_keys()
    {
        var tenant = Tenant();
        var hash = Hash(tenant);

        Assert.Equal(hash, Hash(tenant, keys: ["entra", "backup"]));
        Assert.NotEqual(hash, Hash(tenant, Zitadel with { CredentialVersion = "v2" }));
        Assert.NotEqual(hash, Hash(tenant, Zitadel with { ProjectId = "project-2" }));
        Assert.NotEqual(hash, Hash(Tenant(s => s.Mappings!.AppRoles![0].RoleKeys = ["admin"])));
        Assert.NotEqual(hash, Hash(Tenant(s => s.Endpoint = new EndpointSpec { Replicas = 2 })));
        Assert.NotEqual(hash, Hash(Tenant(s => s.Mappings!.Metadata = [new MetadataMapping { Path = "title", Key = "jobTitle" }])));
        Assert.NotEqual(hash, Hash(Tenant(s => s.Mappings!.Groups = new GroupMapping { RoleGroup = "Entra" })));
    }

    [Fact]
    public void Custom_schemas_become_indexed_endpoint_settings()
    {
        const string Custom = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";
        const string Other = "urn:ietf:params:scim:schemas:extension:Other:2.0:User";

        var data = Build(Tenant(s => s.Mappings!.CustomSchemas = [Custom, Other])).ConfigMap.Data;

        Assert.Equal((Custom, Other), (data["Scim__CustomSchemas__0"], data["Scim__CustomSchemas__1"]));
        Assert.DoesNotContain(Build(Tenant()).ConfigMap.Data.Keys, k => k.StartsWith("Scim__CustomSchemas", StringComparison.Ordinal));
        Assert.NotEqual(Hash(Tenant()), Hash(Tenant(s => s.Mappings!.CustomSchemas = [Custom])));
    }

    [Fact]
    public void Metadata_mappings_and_the_role_group_become_endpoint_settings()
    {
        const string Department = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";
        var data = Build(Tenant(s =>
        {
            s.Mappings!.Metadata =
            [
                new MetadataMapping { Path = Department, Key = "hr:department" },
                new MetadataMapping { Path = "title", Key = "jobTitle" },
            ];
            s.Mappings.Groups = new GroupMapping { RoleGroup = "Entra groups", Enabled = false };
        })).ConfigMap.Data;

        Assert.Equal((Department, "hr:department"),
            (data["Scim__Zitadel__MetadataMappings__0__Path"], data["Scim__Zitadel__MetadataMappings__0__Key"]));
        Assert.Equal(("title", "jobTitle"),
            (data["Scim__Zitadel__MetadataMappings__1__Path"], data["Scim__Zitadel__MetadataMappings__1__Key"]));
        Assert.Equal("Entra groups", data["Scim__Zitadel__GroupRoleGroup"]);
        Assert.Equal("false", data["Scim__Zitadel__GroupsEnabled"]);

        var plain = Build(Tenant()).ConfigMap.Data;
        Assert.DoesNotContain(plain.Keys, k => k.StartsWith("Scim__Zitadel__MetadataMappings", StringComparison.Ordinal));
        Assert.DoesNotContain("Scim__Zitadel__GroupRoleGroup", plain.Keys);
        Assert.DoesNotContain("Scim__Zitadel__GroupsEnabled", plain.Keys);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(5, true)]
    public void A_disruption_budget_exists_only_above_one_replica(int? replicas, bool expected)
    {
        var objects = Build(Tenant(s => s.Endpoint = new EndpointSpec { Replicas = replicas }));

        Assert.Equal(expected, objects.PodDisruptionBudget is not null);
        Assert.Equal(replicas ?? 1, objects.Deployment.Spec.Replicas);
        if (objects.PodDisruptionBudget is { } pdb)
        {
            Assert.Equal("1", pdb.Spec.MaxUnavailable.Value);
            Assert.Equal(EndpointManifests.Selector(Tenant()), pdb.Spec.Selector.MatchLabels);
            Assert.Equal("ProjectRoleLock", objects.ConfigMap.Data["Scim__Zitadel__MembershipCoordination"]);
        }
    }

    [Fact]
    public void The_ingress_exists_only_when_declared_and_routes_scim_to_the_http_port()
    {
        Assert.Null(Build(Tenant()).Ingress);

        var ingress = Build(Tenant(s => s.Endpoint = new EndpointSpec
        {
            Ingress = new IngressSpec
            {
                Host = "scim.acme.example",
                ClassName = "nginx",
                TlsSecretName = "acme-tls",
                Annotations = new Dictionary<string, string> { ["cert-manager.io/cluster-issuer"] = "le" },
            },
        })).Ingress!;

        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal("le", ingress.Metadata.Annotations["cert-manager.io/cluster-issuer"]);
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Equal(("acme-tls", "scim.acme.example"), (tls.SecretName, Assert.Single(tls.Hosts)));
        var rule = Assert.Single(ingress.Spec.Rules);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal(("scim.acme.example", "/scim", "Prefix", "acme-scim", "http"),
            (rule.Host, path.Path, path.PathType, path.Backend.Service.Name, path.Backend.Service.Port.Name));
    }

    [Fact]
    public void The_service_exposes_scim_on_80_and_metrics_on_9090()
    {
        var service = Build(Tenant(s => s.Endpoint = new EndpointSpec { ServiceType = "NodePort" })).Service;

        Assert.Equal("NodePort", service.Spec.Type);
        Assert.Equal([("http", 80, "scim"), ("metrics", 9090, "management")],
            service.Spec.Ports.Select(p => (p.Name, p.Port, p.TargetPort.Value)));
        Assert.Equal(EndpointManifests.Selector(Tenant()), service.Spec.Selector);
    }

    [Fact]
    public void The_role_grants_only_the_tenants_own_objects()
    {
        var rules = Build(Tenant(), keys: ["entra", "backup", "entra"]).Role.Rules;

        Assert.Equal(3, rules.Count);
        Assert.Contains(rules, r => r.Resources.SequenceEqual(["secrets"]) && r.ResourceNames!.SequenceEqual(["acme-scim-keyset"]) &&
            r.Verbs.SequenceEqual(["list", "watch"]));
        Assert.Contains(rules, r => r.Resources.SequenceEqual(["scimtenants/status"]) && r.ResourceNames!.SequenceEqual(["acme"]) &&
            r.Verbs.SequenceEqual(["get", "patch"]));
        Assert.Contains(rules, r => r.Resources.SequenceEqual(["scimkeys/status"]) && r.ResourceNames!.SequenceEqual(["backup", "entra"]) &&
            r.Verbs.SequenceEqual(["patch"]));
        Assert.DoesNotContain(rules, r => r.Verbs.Contains("*") || r.Resources.Contains("*"));
    }

    [Fact]
    public void Without_keys_the_role_grants_no_key_status_write()
    {
        // An empty resourceNames would grant every name: the rule is left out instead.
        Assert.DoesNotContain(Build(Tenant()).Role.Rules, r => r.Resources.Contains("scimkeys/status"));
    }

    [Fact]
    public void Every_object_is_labelled_and_controlled_by_the_tenant()
    {
        var objects = Build(Tenant(s => s.Endpoint = new EndpointSpec { Replicas = 3, Ingress = new IngressSpec { Host = "h.example" } }));
        IKubernetesObject<V1ObjectMeta>[] all =
        [
            objects.ServiceAccount, objects.Role, objects.RoleBinding, objects.ConfigMap, objects.Deployment, objects.Service,
            objects.Ingress!, objects.PodDisruptionBudget!,
        ];

        foreach (var obj in all)
        {
            var owner = Assert.Single(obj.Metadata.OwnerReferences);
            Assert.Equal(("uid-tenant", true, "ScimTenant"), (owner.Uid, owner.Controller, owner.Kind));
            Assert.Equal(EndpointManifests.Labels(Tenant()), obj.Metadata.Labels);
            Assert.Equal("team-a", obj.Metadata.NamespaceProperty);
        }

        Assert.True(objects.ServiceAccount.AutomountServiceAccountToken);
        Assert.Equal(("Role", "acme-scim"), (objects.RoleBinding.RoleRef.Kind, objects.RoleBinding.RoleRef.Name));
        Assert.Equal(("ServiceAccount", "acme-scim", "team-a"),
            (objects.RoleBinding.Subjects[0].Kind, objects.RoleBinding.Subjects[0].Name, objects.RoleBinding.Subjects[0].NamespaceProperty));
    }

    [Fact]
    public void An_app_role_value_must_fit_a_configuration_key()
    {
        Assert.True(EndpointConfig.IsValidAppRoleValue("Task.Write_all-1"));
        Assert.False(EndpointConfig.IsValidAppRoleValue("Task:Write"));
        Assert.False(EndpointConfig.IsValidAppRoleValue(""));
    }
}
