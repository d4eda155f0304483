using Operator.Api;
using Operator.Runtime;

namespace Operator.Controllers;

/// <summary>
/// One part of a ScimTenant's reconciliation (the key set, ZITADEL, the deployed endpoint), with the condition it
/// owns. <see cref="ScimTenantReconciler"/> runs the steps in <see cref="Order"/>, records each condition, derives
/// <c>Ready</c> from them, and writes the status once.
/// </summary>
internal interface ITenantStep
{
    /// <summary>Steps run in ascending order.</summary>
    int Order { get; }

    /// <summary>The condition this step owns, e.g. <c>KeySetReady</c>.</summary>
    string ConditionType { get; }

    /// <summary>When true, the step is not run for a spec that fails validation; its condition says InvalidSpec.</summary>
    bool RequiresValidSpec { get; }

    /// <summary>Brings this part in line with the spec. Exceptions requeue the tenant with backoff.</summary>
    Task<StepResult> ReconcileAsync(TenantContext context, CancellationToken ct);

    /// <summary>
    /// Cleans up when the tenant is deleted under <c>deletionPolicy: Delete</c>; true when done. Objects owned
    /// through ownerReferences need nothing here: garbage collection removes them.
    /// </summary>
    Task<bool> FinalizeAsync(TenantContext context, CancellationToken ct);
}

/// <summary>
/// A step's outcome: its condition, when to look again, and the status fields it owns (applied to the freshly read
/// status, so fields written by others, such as the endpoint's <c>provisioning</c>, are kept).
/// </summary>
internal sealed record StepResult(
    string Status,
    string Reason,
    string Message,
    TimeSpan? RequeueAfter = null,
    Action<ScimTenantStatus>? Apply = null)
{
    public bool IsTrue => Status == "True";

    public static StepResult True(string reason, string message, TimeSpan? requeueAfter = null, Action<ScimTenantStatus>? apply = null) =>
        new("True", reason, message, requeueAfter, apply);

    public static StepResult False(string reason, string message, TimeSpan? requeueAfter = null, Action<ScimTenantStatus>? apply = null) =>
        new("False", reason, message, requeueAfter, apply);
}

/// <summary>What every step sees of one reconcile.</summary>
internal sealed class TenantContext(ScimTenant tenant, ObjectKey key, DateTimeOffset now, IReadOnlyList<string> specErrors)
{
    /// <summary>The cached tenant; do not mutate.</summary>
    public ScimTenant Tenant { get; } = tenant;

    public ObjectKey Key { get; } = key;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The spec's validation errors (empty when valid).</summary>
    public IReadOnlyList<string> SpecErrors { get; } = specErrors;

    public string Namespace => Key.Namespace ?? "";

    /// <summary>What the ZITADEL step resolved this reconcile; null until it succeeds. Later steps read it.</summary>
    public ZitadelResolution? Zitadel { get; set; }
}

/// <summary>
/// The ZITADEL side of a tenant as the endpoint needs it: the organisation and project ids, and the Secret (in the
/// tenant's namespace) holding the service user's credential under <paramref name="CredentialKey"/>.
/// </summary>
internal sealed record ZitadelResolution(
    string Url,
    string OrganizationId,
    string ProjectId,
    string? ServiceUserId,
    string CredentialSecretName,
    string CredentialKey,
    string CredentialVersion);
