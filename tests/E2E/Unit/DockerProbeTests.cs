using E2E.Tests.Gate;

namespace E2E.Tests.Unit;

public sealed class DockerProbeTests
{
    private const string Home = "/home/dev";

    private static ProbeHost Host(Dictionary<string, string>? variables = null, string[]? files = null,
        Dictionary<string, string>? contents = null) =>
        new(name => variables?.GetValueOrDefault(name),
            path => files?.Contains(path) == true,
            path => contents?.GetValueOrDefault(path),
            Home);

    [Fact]
    public void Nothing_there_names_the_socket_and_the_variable()
    {
        var engine = DockerProbe.Detect(Host());

        Assert.False(engine.Available);
        Assert.StartsWith("no Docker engine: DOCKER_HOST is unset and none of /var/run/docker.sock, ", engine.MissingReason, StringComparison.Ordinal);
        Assert.Contains("/home/dev/.docker/desktop/docker.sock", engine.MissingReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_system_socket_is_an_engine() =>
        Assert.Equal("unix:///var/run/docker.sock", DockerProbe.Detect(Host(files: ["/var/run/docker.sock"])).Endpoint);

    [Fact]
    public void A_rootless_socket_under_XDG_RUNTIME_DIR_is_an_engine()
    {
        var engine = DockerProbe.Detect(Host(new() { ["XDG_RUNTIME_DIR"] = "/run/user/1000" }, ["/run/user/1000/docker.sock"]));

        Assert.Equal("unix:///run/user/1000/docker.sock", engine.Endpoint);
    }

    [Fact]
    public void DOCKER_HOST_over_tcp_is_taken_as_given() =>
        Assert.Equal("tcp://10.0.0.5:2375", DockerProbe.Detect(Host(new() { ["DOCKER_HOST"] = "tcp://10.0.0.5:2375" })).Endpoint);

    [Fact]
    public void DOCKER_HOST_naming_a_missing_socket_says_so_even_if_the_system_socket_exists()
    {
        var engine = DockerProbe.Detect(Host(new() { ["DOCKER_HOST"] = "unix:///tmp/none.sock" }, ["/var/run/docker.sock"]));

        Assert.False(engine.Available);
        Assert.Equal("no Docker engine: DOCKER_HOST is unix:///tmp/none.sock, but /tmp/none.sock does not exist", engine.MissingReason);
    }

    [Fact]
    public void Testcontainers_properties_docker_host_is_used()
    {
        var properties = new Dictionary<string, string>
        {
            ["/home/dev/.testcontainers.properties"] = "# comment\nryuk.disabled=true\ndocker.host = tcp://builder:2376\n",
        };

        Assert.Equal("tcp://builder:2376", DockerProbe.Detect(Host(contents: properties)).Endpoint);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("docker.host=", null)]
    [InlineData("#docker.host=tcp://a:1", null)]
    [InlineData("docker.host=tcp://a:1\ndocker.host=tcp://b:2", "tcp://b:2")]
    [InlineData("docker.host=unix:///x=y.sock", "unix:///x=y.sock")]
    public void PropertiesHost_reads_the_last_docker_host(string? properties, string? expected) =>
        Assert.Equal(expected, DockerProbe.PropertiesHost(properties));
}
