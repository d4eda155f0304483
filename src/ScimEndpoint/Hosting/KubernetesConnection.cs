using k8s;

namespace ScimEndpoint.Hosting;

/// <summary>
/// The endpoint's one way to reach the Kubernetes API (the key-set watch and the status reporter): a kubeconfig file
/// when given, else in-cluster, else the usual kubeconfig lookup.
/// </summary>
internal static class KubernetesConnection
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>The User-Agent of the endpoint's requests, so audit logs (and RbacTests) tell them apart.</summary>
    public const string UserAgent = "scim-endpoint";

    /// <summary>
    /// A client for <paramref name="kubeconfig"/> (or in-cluster / the default lookup), and the namespace to use when
    /// none is configured: the pod's own, else the kubeconfig context's, else <c>default</c>.
    /// </summary>
    public static k8s.Kubernetes CreateClient(string? kubeconfig, out string defaultNamespace)
    {
        KubernetesClientConfiguration configuration;
        if (!string.IsNullOrWhiteSpace(kubeconfig))
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            configuration = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            configuration = KubernetesClientConfiguration.BuildDefaultConfig();
        }

        configuration.UserAgent = UserAgent;
        defaultNamespace = File.Exists(ServiceAccountNamespaceFile)
            ? File.ReadAllText(ServiceAccountNamespaceFile).Trim()
            : configuration.Namespace ?? "default";
        return new k8s.Kubernetes(configuration);
    }
}
