namespace E2E.Tests.Gate;

/// <summary>The outcome of <see cref="DockerProbe.Detect"/>: where the engine is, or why there is none.</summary>
public sealed record DockerEngine(string? Endpoint, string? MissingReason)
{
    public bool Available => Endpoint is not null;

    public static DockerEngine At(string endpoint) => new(endpoint, null);

    public static DockerEngine Missing(string reason) => new(null, reason);
}
