using E2E.Tests.Gate;

namespace E2E.Tests.Unit;

public sealed class K3sGateTests
{
    private static readonly DockerEngine Docker = DockerEngine.At("unix:///var/run/docker.sock");
    private static readonly DockerEngine NoDocker = DockerEngine.Missing("no Docker engine: nothing here");

    [Fact]
    public void With_Docker_the_suite_runs() =>
        Assert.Equal(K3sGateOutcome.Run, K3sGate.Decide(null, Docker).Outcome);

    [Fact]
    public void Without_Docker_the_suite_is_skipped_with_the_probe_reason()
    {
        var gate = K3sGate.Decide(null, NoDocker);

        Assert.Equal(K3sGateOutcome.Skip, gate.Outcome);
        Assert.Equal("no Docker engine: nothing here; the k3s end-to-end suite needs one (SCIMOP_E2E_K3S=1 makes this a failure)", gate.SkipReason);
    }

    [Fact]
    public void Zero_skips_even_with_Docker()
    {
        var gate = K3sGate.Decide("0", Docker);

        Assert.Equal(K3sGateOutcome.Skip, gate.Outcome);
        Assert.Equal("SCIMOP_E2E_K3S=0 turns the k3s end-to-end suite off", gate.SkipReason);
    }

    [Fact]
    public void One_without_Docker_fails_instead_of_skipping()
    {
        var gate = K3sGate.Decide("1", NoDocker);

        Assert.Equal(K3sGateOutcome.Fail, gate.Outcome);
        Assert.Null(gate.SkipReason);
        var error = Assert.Throws<InvalidOperationException>(gate.EnsureRunnable);
        Assert.Equal("SCIMOP_E2E_K3S=1 requires a Docker engine, but no Docker engine: nothing here", error.Message);
    }

    [Fact]
    public void One_with_Docker_runs()
    {
        var gate = K3sGate.Decide("1", Docker);

        Assert.Equal(K3sGateOutcome.Run, gate.Outcome);
        gate.EnsureRunnable();
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("true")]
    public void Another_value_fails_loudly(string setting)
    {
        var gate = K3sGate.Decide(setting, Docker);

        Assert.Equal(K3sGateOutcome.Fail, gate.Outcome);
        Assert.Equal($"SCIMOP_E2E_K3S must be 0 or 1, not {setting}", gate.Reason);
    }

    [Fact]
    public void The_attribute_carries_the_current_skip_reason() =>
        Assert.Equal(K3sGate.Current.SkipReason, new K3sFactAttribute().Skip);
}
