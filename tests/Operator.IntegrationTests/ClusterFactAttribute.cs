namespace Operator.IntegrationTests;

/// <summary>
/// A fact that runs only when <c>SCIMOP_E2E_KUBECONFIG</c> names a kubeconfig of a real cluster; otherwise it is
/// skipped and the test output says which variable to set.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClusterFactAttribute : FactAttribute
{
    public const string MissingVariableReason =
        "set SCIMOP_E2E_KUBECONFIG to a kubeconfig to run the operator suite against a real cluster";

    public ClusterFactAttribute() => Skip = SkipReason(Environment.GetEnvironmentVariable(OperatorCluster.RealClusterVariable));

    /// <summary>The skip reason, or null when a kubeconfig that exists is named.</summary>
    public static string? SkipReason(string? kubeconfig) =>
        string.IsNullOrWhiteSpace(kubeconfig) ? MissingVariableReason
        : File.Exists(kubeconfig) ? null
        : $"SCIMOP_E2E_KUBECONFIG names {kubeconfig}, which does not exist";
}
