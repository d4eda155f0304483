using E2E.Tests.Cluster;

namespace E2E.Tests.Unit;

public sealed class KubeconfigFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scimop-kubeconfig-").FullName;

    private static string Kubeconfig(string server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: default
          cluster:
            server: {server}
            insecure-skip-tls-verify: true
        users:
        - name: default
          user:
            token: not-a-real-token
        contexts:
        - name: default
          context:
            cluster: default
            user: default
        current-context: default
        """;

    [Fact]
    public async Task A_mapped_server_is_written_private_and_returned()
    {
        var path = Path.Combine(_directory, "kubeconfig");

        var server = await KubeconfigFile.WriteAsync(path, Kubeconfig("https://127.0.0.1:32771"));

        Assert.Equal(new Uri("https://127.0.0.1:32771"), server);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task The_container_internal_address_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => KubeconfigFile.WriteAsync(Path.Combine(_directory, "kubeconfig"), Kubeconfig("https://127.0.0.1:6443")));

        Assert.Contains("container-internal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_server_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => KubeconfigFile.WriteAsync(Path.Combine(_directory, "kubeconfig"), Kubeconfig("http://127.0.0.1:8080")));

        Assert.Contains("no https API server", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
