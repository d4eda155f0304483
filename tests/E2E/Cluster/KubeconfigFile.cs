using k8s;

namespace E2E.Tests.Cluster;

/// <summary>Writes the kubeconfig k3s hands out so the operator, the kubelet and the endpoints can read it.</summary>
public static class KubeconfigFile
{
    /// <summary>
    /// Writes <paramref name="kubeconfig"/> to <paramref name="path"/>, readable by this user only (it holds the
    /// cluster-admin client key), and checks that it names an API server the host can reach.
    /// </summary>
    /// <returns>The API server's URL.</returns>
    /// <exception cref="InvalidDataException">The kubeconfig names no usable https server.</exception>
    public static async Task<Uri> WriteAsync(string path, string kubeconfig)
    {
        await File.WriteAllTextAsync(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(path, kubeconfig);
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        if (!Uri.TryCreate(configuration.Host, UriKind.Absolute, out var server) || server.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidDataException($"The kubeconfig at {path} names no https API server (server: {configuration.Host}).");
        }

        if (server.Port == 6443 && server.IsLoopback)
        {
            // Note: that is the address inside the container; Testcontainers rewrites it to the mapped port.
            throw new InvalidDataException($"The kubeconfig at {path} still names the container-internal {server}.");
        }

        return server;
    }
}
