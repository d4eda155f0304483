using k8s.Models;
using Operator.Api;

namespace Operator.Controllers.Endpoint;

/// <summary>
/// The objects of one tenant's endpoint as the operator wants them: pure functions of the tenant, what the ZITADEL
/// step resolved and the tenant's key names. Each object holds only the fields the operator owns; the API server's
/// defaults are left to it (see <see cref="OwnedFields"/>).
/// </summary>
internal static class EndpointManifests
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string NameValue = "scim-endpoint";
    public const string InstanceLabel = "app.kubernetes.io/instance";

    /// <summary>Pod-template annotation: <see cref="EndpointConfig.Hash"/>.</summary>
    public const string ConfigHashAnnotation = ApiGroup.Prefix + "config-hash";

    public const string ContainerName = "scim-endpoint";
    public const string ScimPortName = "scim";
    public const string ManagementPortName = "management";
    public const string ServicePortName = "http";
    public const string MetricsPortName = "metrics";
    public const long RunAsUser = 65532;

    /// <summary>ServiceAccount, Role, RoleBinding, Deployment, Service, Ingress and PDB name.</summary>
    public static string Name(ScimTenant tenant) => TenantUrls.ServiceName(tenant.Metadata.Name);

    public static string ConfigMapName(ScimTenant tenant) => Name(tenant) + "-config";

    public static int Replicas(ScimTenant tenant) => tenant.Spec.Endpoint?.Replicas ?? 1;

    /// <summary>The labels on every object; the first two select the pods.</summary>
    public static Dictionary<string, string> Labels(ScimTenant tenant) => new()
    {
        [NameLabel] = NameValue,
        [InstanceLabel] = tenant.Metadata.Name,
        [KeyLabels.ManagedBy] = KeyLabels.ManagedByValue,
        [KeyLabels.Tenant] = tenant.Metadata.Name,
    };

    /// <summary>The pod selector. It never changes (a Deployment's selector is immutable).</summary>
    public static Dictionary<string, string> Selector(ScimTenant tenant) => new()
    {
        [NameLabel] = NameValue,
        [InstanceLabel] = tenant.Metadata.Name,
    };

    public static EndpointObjects Build(
        ScimTenant tenant, ZitadelResolution zitadel, string defaultImage, IEnumerable<string> keyNames)
    {
        var config = EndpointConfig.Build(tenant, zitadel);
        return new EndpointObjects(
            ServiceAccount(tenant),
            Role(tenant, keyNames),
            RoleBinding(tenant),
            ConfigMap(tenant, config),
            Deployment(tenant, zitadel, defaultImage, EndpointConfig.Hash(config, zitadel)),
            Service(tenant),
            Ingress(tenant),
            PodDisruptionBudget(tenant));
    }

    public static V1ServiceAccount ServiceAccount(ScimTenant tenant) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = Metadata(tenant, Name(tenant)),

        // The endpoint reads its key set and writes its status through the API with this account's token.
        AutomountServiceAccountToken = true,
    };

    /// <summary>
    /// Exactly what the endpoint calls (RbacTests compares the two): list and watch of its key-set Secret (by field
    /// selector metadata.name, which resourceNames admits), merge patches of its tenant's status and of its keys'
    /// status, each by name. The key rule is left out while the tenant has no key (an empty resourceNames would mean
    /// every name).
    /// </summary>
    public static V1Role Role(ScimTenant tenant, IEnumerable<string> keyNames)
    {
        var keys = keyNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rules = new List<V1PolicyRule>
        {
            new() { ApiGroups = [""], Resources = ["secrets"], ResourceNames = [KeySetPolicy.SecretName(tenant)], Verbs = ["list", "watch"] },
            new() { ApiGroups = [ApiGroup.Name], Resources = ["scimtenants/status"], ResourceNames = [tenant.Metadata.Name], Verbs = ["get", "patch"] },
        };
        if (keys.Count > 0)
        {
            rules.Add(new V1PolicyRule { ApiGroups = [ApiGroup.Name], Resources = ["scimkeys/status"], ResourceNames = keys, Verbs = ["patch"] });
        }

        return new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = Metadata(tenant, Name(tenant)),
            Rules = rules,
        };
    }

    public static V1RoleBinding RoleBinding(ScimTenant tenant) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = Metadata(tenant, Name(tenant)),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = Name(tenant) },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = Name(tenant), NamespaceProperty = tenant.Metadata.NamespaceProperty }],
    };

    public static V1ConfigMap ConfigMap(ScimTenant tenant, IReadOnlyDictionary<string, string> config) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Metadata(tenant, ConfigMapName(tenant)),
        Data = new Dictionary<string, string>(config, StringComparer.Ordinal),
    };

    public static V1Deployment Deployment(ScimTenant tenant, ZitadelResolution zitadel, string defaultImage, string configHash)
    {
        var endpoint = tenant.Spec.Endpoint;
        var image = string.IsNullOrWhiteSpace(endpoint?.Image) ? defaultImage : endpoint.Image;
        var container = new V1Container
        {
            Name = ContainerName,
            Image = image,
            Ports =
            [
                new V1ContainerPort { Name = ScimPortName, ContainerPort = EndpointConfig.ScimPort, Protocol = "TCP" },
                new V1ContainerPort { Name = ManagementPortName, ContainerPort = EndpointConfig.ManagementPort, Protocol = "TCP" },
            ],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(tenant) } }],
            Env =
            [
                new V1EnvVar
                {
                    Name = EndpointConfig.CredentialVariable,
                    ValueFrom = new V1EnvVarSource
                    {
                        SecretKeyRef = new V1SecretKeySelector { Name = zitadel.CredentialSecretName, Key = zitadel.CredentialKey },
                    },
                },
            ],
            LivenessProbe = Probe("/healthz", periodSeconds: 10, failureThreshold: 3),
            ReadinessProbe = Probe("/readyz", periodSeconds: 5, failureThreshold: 2),
            Resources = endpoint?.Resources ?? DefaultResources(),
            SecurityContext = new V1SecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = RunAsUser,
                RunAsGroup = RunAsUser,
                ReadOnlyRootFilesystem = true,
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        };

        var podLabels = Labels(tenant);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Metadata(tenant, Name(tenant)),
            Spec = new V1DeploymentSpec
            {
                Replicas = Replicas(tenant),
                Selector = new V1LabelSelector { MatchLabels = Selector(tenant) },

                // Never below the wanted capacity during a rollout: one new pod first, then one old pod goes.
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = podLabels,
                        Annotations = new Dictionary<string, string> { [ConfigHashAnnotation] = configHash },
                    },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = Name(tenant),
                        AutomountServiceAccountToken = true,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = RunAsUser,
                            RunAsGroup = RunAsUser,
                            FsGroup = RunAsUser,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Containers = [container],
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() }],
                    },
                },
            },
        };
    }

    /// <summary>Port 80 (<c>http</c>) to the SCIM port; <c>metrics</c> 9090 to the management port, for scraping.</summary>
    public static V1Service Service(ScimTenant tenant) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Metadata(tenant, Name(tenant)),
        Spec = new V1ServiceSpec
        {
            Type = tenant.Spec.Endpoint?.ServiceType ?? "ClusterIP",
            Selector = Selector(tenant),
            Ports =
            [
                new V1ServicePort { Name = ServicePortName, Port = 80, TargetPort = ScimPortName, Protocol = "TCP" },
                new V1ServicePort { Name = MetricsPortName, Port = EndpointConfig.ManagementPort, TargetPort = ManagementPortName, Protocol = "TCP" },
            ],
        },
    };

    /// <summary>The Ingress for <c>spec.endpoint.ingress</c>; null without one. Only <c>/scim</c> is routed.</summary>
    public static V1Ingress? Ingress(ScimTenant tenant)
    {
        if (tenant.Spec.Endpoint?.Ingress is not { } ingress || string.IsNullOrWhiteSpace(ingress.Host))
        {
            return null;
        }

        var metadata = Metadata(tenant, Name(tenant));
        if (ingress.Annotations is { Count: > 0 } annotations)
        {
            metadata.Annotations = new Dictionary<string, string>(annotations, StringComparer.Ordinal);
        }

        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = metadata,
            Spec = new V1IngressSpec
            {
                IngressClassName = string.IsNullOrWhiteSpace(ingress.ClassName) ? null : ingress.ClassName,
                Tls = string.IsNullOrWhiteSpace(ingress.TlsSecretName)
                    ? null
                    : [new V1IngressTLS { Hosts = [ingress.Host], SecretName = ingress.TlsSecretName }],
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = ingress.Host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/scim",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend
                                        {
                                            Name = Name(tenant),
                                            Port = new V1ServiceBackendPort { Name = ServicePortName },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }

    /// <summary>At most one pod down by eviction, above one replica; null at one (a PDB would block node drains).</summary>
    public static V1PodDisruptionBudget? PodDisruptionBudget(ScimTenant tenant) => Replicas(tenant) <= 1
        ? null
        : new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = Metadata(tenant, Name(tenant)),
            Spec = new V1PodDisruptionBudgetSpec
            {
                MaxUnavailable = 1,
                Selector = new V1LabelSelector { MatchLabels = Selector(tenant) },
            },
        };

    public static V1ResourceRequirements DefaultResources() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new("50m"),
            ["memory"] = new("64Mi"),
        },
        Limits = new Dictionary<string, ResourceQuantity>
        {
            ["memory"] = new("256Mi"),
        },
    };

    private static V1Probe Probe(string path, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = ManagementPortName, Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 2,
        FailureThreshold = failureThreshold,
    };

    private static V1ObjectMeta Metadata(ScimTenant tenant, string name) => new()
    {
        Name = name,
        NamespaceProperty = tenant.Metadata.NamespaceProperty,
        Labels = Labels(tenant),
        OwnerReferences = [TenantOwner.Reference(tenant)],
    };
}

/// <summary>The desired objects of one endpoint; <see cref="Ingress"/> and <see cref="PodDisruptionBudget"/> may be absent.</summary>
internal sealed record EndpointObjects(
    V1ServiceAccount ServiceAccount,
    V1Role Role,
    V1RoleBinding RoleBinding,
    V1ConfigMap ConfigMap,
    V1Deployment Deployment,
    V1Service Service,
    V1Ingress? Ingress,
    V1PodDisruptionBudget? PodDisruptionBudget);
