namespace E2E.Tests.Gate;

/// <summary>
/// Whether the k3s suite runs, is skipped, or fails for want of Docker. By default it runs where
/// <see cref="DockerProbe"/> finds an engine and is skipped elsewhere with the probe's reason.
/// <c>SCIMOP_E2E_K3S=0</c> skips it; <c>SCIMOP_E2E_K3S=1</c> makes a missing engine a failure, so a CI that has
/// Docker cannot skip the suite silently.
/// </summary>
public sealed record K3sGate(K3sGateOutcome Outcome, string Reason)
{
    public const string Variable = "SCIMOP_E2E_K3S";

    /// <summary>The decision for this process, made once.</summary>
    public static K3sGate Current { get; } =
        Decide(Environment.GetEnvironmentVariable(Variable), DockerProbe.Detect(ProbeHost.Real));

    /// <summary>The skip reason for the test attribute; null when the tests run (and then pass or fail).</summary>
    public string? SkipReason => Outcome == K3sGateOutcome.Skip ? Reason : null;

    public static K3sGate Decide(string? setting, DockerEngine docker)
    {
        ArgumentNullException.ThrowIfNull(docker);
        return setting?.Trim() switch
        {
            "0" => new(K3sGateOutcome.Skip, $"{Variable}=0 turns the k3s end-to-end suite off"),
            null or "" => docker.Available
                ? new(K3sGateOutcome.Run, "Docker engine at " + docker.Endpoint)
                : new(K3sGateOutcome.Skip, $"{docker.MissingReason}; the k3s end-to-end suite needs one ({Variable}=1 makes this a failure)"),
            "1" => docker.Available
                ? new(K3sGateOutcome.Run, "Docker engine at " + docker.Endpoint)
                : new(K3sGateOutcome.Fail, $"{Variable}=1 requires a Docker engine, but {docker.MissingReason}"),
            _ => new(K3sGateOutcome.Fail, $"{Variable} must be 0 or 1, not {setting}"),
        };
    }

    /// <summary>Throws with the reason unless the suite may start k3s.</summary>
    public void EnsureRunnable()
    {
        if (Outcome != K3sGateOutcome.Run)
        {
            throw new InvalidOperationException(Reason);
        }
    }
}
