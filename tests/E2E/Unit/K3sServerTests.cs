using E2E.Tests.Cluster;

namespace E2E.Tests.Unit;

public sealed class K3sServerTests
{
    [Theory]
    [InlineData(null, K3sServer.DefaultImage)]
    [InlineData(" ", K3sServer.DefaultImage)]
    [InlineData("rancher/k3s:v1.33.1-k3s1", "rancher/k3s:v1.33.1-k3s1")]
    public void Image_is_the_variable_or_the_default(string? configured, string expected) =>
        Assert.Equal(expected, K3sServer.Image(configured));

    [Fact]
    public void Only_the_deployment_controller_is_off_so_the_garbage_collector_runs()
    {
        var argument = Assert.Single(K3sServer.ExtraArguments);

        Assert.Equal("--kube-controller-manager-arg=controllers=*,-deployment", argument);
    }
}
