namespace Emulators.Kubernetes.Api;

/// <summary>DELETE options: propagationPolicy and the uid/resourceVersion preconditions.</summary>
internal sealed record DeleteRequest(string? PropagationPolicy, string? PreconditionUid, string? PreconditionRv,
    bool DryRun)
{
    public static readonly DeleteRequest Background = new("Background", null, null, DryRun: false);
}
