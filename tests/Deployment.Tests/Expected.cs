namespace Deployment.Tests;

/// <summary>What an install with the defaults consists of, in the chart and in config/default alike.</summary>
internal static class Expected
{
    public const string Namespace = "scim-operator-system";

    public const string Name = "scim-operator";

    /// <summary>The operator's objects (the kustomize overlay adds the Namespace and the CRDs, the chart ships its
    /// CRDs in crds/).</summary>
    public static readonly string[] OperatorKinds =
        ["ClusterRole", "ClusterRoleBinding", "Deployment", "PodDisruptionBudget", "Role", "RoleBinding", "Service", "ServiceAccount"];
}
