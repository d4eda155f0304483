using Emulators.Kubernetes.Admission;

namespace Emulators.Kubernetes.Registry;

/// <summary>The builtin kinds the emulator serves (kubernetes-api.md §3, item 15 and §2.14).</summary>
internal static class BuiltinTypes
{
    public static readonly ResourceType Namespaces = Core("Namespace", "namespaces", namespaced: false) with
    {
        ShortNames = ["ns"],
        HasStatus = true,
        Admission = new NamespaceAdmission(),
    };

    public static readonly ResourceType Crds = new()
    {
        Group = "apiextensions.k8s.io",
        Version = "v1",
        Kind = "CustomResourceDefinition",
        Plural = "customresourcedefinitions",
        Namespaced = false,
        ShortNames = ["crd", "crds"],
        Categories = ["api-extensions"],
        HasStatus = true,
        TracksGeneration = true,
        AllowUnconditionalUpdate = false,
        Admission = new CrdAdmission(),
    };

    public static readonly ResourceType CoreEvents = Core("Event", "events", namespaced: true) with
    {
        ShortNames = ["ev"],
    };

    public static readonly IReadOnlyList<ResourceType> All =
    [
        Namespaces,
        Core("Secret", "secrets", namespaced: true) with { Admission = new SecretAdmission() },
        Core("ConfigMap", "configmaps", namespaced: true) with { ShortNames = ["cm"], Admission = new ConfigMapAdmission() },
        Core("ServiceAccount", "serviceaccounts", namespaced: true) with { ShortNames = ["sa"] },
        Core("Service", "services", namespaced: true) with
        {
            ShortNames = ["svc"],
            Categories = ["all"],
            HasStatus = true,
            Admission = new ServiceAdmission(),
        },
        CoreEvents,
        new()
        {
            Group = "apps",
            Version = "v1",
            Kind = "Deployment",
            Plural = "deployments",
            Namespaced = true,
            ShortNames = ["deploy"],
            Categories = ["all"],
            HasStatus = true,
            TracksGeneration = true,
            Admission = new DeploymentAdmission(),
        },
        new()
        {
            Group = "networking.k8s.io",
            Version = "v1",
            Kind = "Ingress",
            Plural = "ingresses",
            Namespaced = true,
            ShortNames = ["ing"],
            HasStatus = true,
            TracksGeneration = true,
            Admission = new IngressAdmission(),
        },
        new()
        {
            Group = "policy",
            Version = "v1",
            Kind = "PodDisruptionBudget",
            Plural = "poddisruptionbudgets",
            Namespaced = true,
            ShortNames = ["pdb"],
            HasStatus = true,
            TracksGeneration = true,
        },
        Rbac("Role", "roles", namespaced: true),
        Rbac("RoleBinding", "rolebindings", namespaced: true),
        Rbac("ClusterRole", "clusterroles", namespaced: false),
        Rbac("ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        new()
        {
            Group = "coordination.k8s.io",
            Version = "v1",
            Kind = "Lease",
            Plural = "leases",
            Namespaced = true,
        },
        new()
        {
            Group = "events.k8s.io",
            Version = "v1",
            Kind = "Event",
            Plural = "events",
            Namespaced = true,
            ShortNames = ["ev"],
            Admission = new EventsV1Admission(),
        },
        Crds,
    ];

    private static ResourceType Core(string kind, string plural, bool namespaced) => new()
    {
        Group = "",
        Version = "v1",
        Kind = kind,
        Plural = plural,
        Namespaced = namespaced,
    };

    private static ResourceType Rbac(string kind, string plural, bool namespaced) => new()
    {
        Group = "rbac.authorization.k8s.io",
        Version = "v1",
        Kind = kind,
        Plural = plural,
        Namespaced = namespaced,
    };
}
