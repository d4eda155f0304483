namespace ScimEndpoint.Status;

/// <summary>
/// Where the endpoint reports provisioning activity (<c>Scim:Status:*</c>): the ScimTenant's
/// <c>status.provisioning</c> and each ScimKey's <c>status.lastUsedTime</c>. Reporting is on when
/// <see cref="TenantName"/> is set; the operator sets <c>Scim__Status__TenantName</c> and
/// <c>Scim__Status__Namespace</c> on the endpoints it deploys.
/// </summary>
internal sealed class ProvisioningStatusSettings
{
    /// <summary>The fewest seconds between two writes of one object (the "at most one write every 10 s").</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(10);

    /// <summary>The ScimTenant to report to; unset turns reporting off.</summary>
    public string? TenantName { get; set; }

    /// <summary>The namespace of the ScimTenant and its ScimKeys; default: the pod's own namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>How often changed activity is written. Default and minimum 10 s; at most 5 min (the validator's bound).</summary>
    public TimeSpan Interval { get; set; } = MinimumInterval;

    /// <summary>
    /// This replica's entry in <c>status.provisioning.replicas</c>; default the host name, which in Kubernetes is the
    /// pod's name. Replicas of one tenant must differ.
    /// </summary>
    public string ReplicaName { get; set; } = Environment.MachineName;

    public bool Enabled => !string.IsNullOrWhiteSpace(TenantName);
}
