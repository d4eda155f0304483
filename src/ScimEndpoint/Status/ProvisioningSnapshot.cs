namespace ScimEndpoint.Status;

/// <summary>What the endpoint knows of provisioning at one instant; times are to the second.</summary>
internal sealed record ProvisioningSnapshot(
    DateTimeOffset? LastSuccessTime, ProvisioningFailure? LastFailure, long RequestsLastHour, long FailuresLastHour)
{
    /// <summary>True when nothing was recorded since the endpoint started.</summary>
    public bool IsEmpty => LastSuccessTime is null && LastFailure is null && RequestsLastHour == 0;
}
