namespace E2E.Tests.Cluster;

/// <summary>The k3s image and the server flags the suite adds to Testcontainers' <c>server --disable=traefik</c>.</summary>
public static class K3sServer
{
    public const string ImageVariable = "SCIMOP_E2E_K3S_IMAGE";
    public const string DefaultImage = "rancher/k3s:v1.31.4-k3s1";

    /// <summary>
    /// The deployment controller is off: the endpoint runs as a local process (see Sandbox's LocalKubelet), which
    /// reports the Deployment's status itself, and a real deployment controller would overwrite that status with the
    /// unavailable Pods of an image the cluster cannot pull. Every other controller runs, the garbage collector in
    /// particular. The aliases without the <c>-controller</c> suffix work on every Kubernetes version.
    /// </summary>
    public static IReadOnlyList<string> ExtraArguments { get; } =
    [
        "--kube-controller-manager-arg=controllers=*,-deployment",
    ];

    /// <summary>The image to run: <see cref="ImageVariable"/> when set, else <see cref="DefaultImage"/>.</summary>
    public static string Image(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? DefaultImage : configured.Trim();
}
