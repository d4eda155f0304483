namespace E2E.Tests.Gate;

/// <summary>
/// Finds the Docker engine Testcontainers would use, without connecting to it, in Testcontainers' order:
/// <c>DOCKER_HOST</c>, <c>docker.host</c> in <c>~/.testcontainers.properties</c>, then the usual Unix sockets (the
/// system one, the rootless one under <c>XDG_RUNTIME_DIR</c>, Docker Desktop's two). A socket that exists counts as
/// an engine: if its daemon is dead, the suite fails rather than being skipped, which is what a developer wants.
/// </summary>
public static class DockerProbe
{
    public const string HostVariable = "DOCKER_HOST";
    public const string SystemSocket = "/var/run/docker.sock";
    private const string UnixScheme = "unix://";
    private const string PropertiesKey = "docker.host";

    public static DockerEngine Detect(ProbeHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Variable(HostVariable) is { Length: > 0 } dockerHost)
        {
            return Check(dockerHost, $"{HostVariable} is {dockerHost}", host);
        }

        var properties = Path.Combine(host.Home, ".testcontainers.properties");
        if (PropertiesHost(host.ReadFile(properties)) is { } configured)
        {
            return Check(configured, $"{properties} sets {PropertiesKey}={configured}", host);
        }

        var sockets = Sockets(host).ToList();
        return sockets.FirstOrDefault(host.FileExists) is { } socket
            ? DockerEngine.At(UnixScheme + socket)
            : DockerEngine.Missing(
                $"no Docker engine: {HostVariable} is unset and none of {string.Join(", ", sockets)} exists");
    }

    /// <summary>A <c>unix://</c> endpoint must name a socket that exists; others (tcp, npipe, ssh) are taken as given.</summary>
    private static DockerEngine Check(string endpoint, string source, ProbeHost host)
    {
        if (!endpoint.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            return DockerEngine.At(endpoint);
        }

        var path = endpoint[UnixScheme.Length..];
        return host.FileExists(path)
            ? DockerEngine.At(endpoint)
            : DockerEngine.Missing($"no Docker engine: {source}, but {path} does not exist");
    }

    private static IEnumerable<string> Sockets(ProbeHost host)
    {
        yield return SystemSocket;
        if (host.Variable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            yield return Path.Combine(runtime, "docker.sock");
        }

        yield return Path.Combine(host.Home, ".docker", "run", "docker.sock");
        yield return Path.Combine(host.Home, ".docker", "desktop", "docker.sock");
    }

    /// <summary>The <c>docker.host</c> value of a Java-style properties file, or null.</summary>
    internal static string? PropertiesHost(string? properties) =>
        properties?.Split('\n')
            .Select(line => line.Trim())
            .Where(line => !line.StartsWith('#') && line.Contains('=', StringComparison.Ordinal))
            .Select(line => (Key: line[..line.IndexOf('=', StringComparison.Ordinal)].Trim(),
                Value: line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim()))
            .Where(entry => entry.Key == PropertiesKey && entry.Value.Length > 0)
            .Select(entry => entry.Value)
            .LastOrDefault();
}
