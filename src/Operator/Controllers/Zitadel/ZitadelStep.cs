using k8s.Models;
using Operator.Api;
using Operator.Runtime;

namespace Operator.Controllers.Zitadel;

/// <summary>
/// The ZITADEL side of a tenant (docs/operator.md, "ZITADEL"): with the operator's own identity from
/// <c>spec.zitadel.credentialsSecretRef</c>, resolves or creates the organisation and project, ensures the declared
/// roles (drift corrected), the service user with exactly its declared administrator roles and its PAT in the Secret
/// <c>&lt;tenant&gt;-scim-zitadel</c>, and counts what SCIM manages. Owns <c>ZitadelReady</c>; a failed call names
/// itself and, when a permission is missing, the role the operator's identity needs.
/// </summary>
internal sealed class ZitadelStep(
    IInformerFactory informers,
    IKubernetesObjects objects,
    IEventRecorder events,
    ZitadelClientFactory clients,
    ZitadelSyncGate gate,
    OperatorSettings settings,
    ILogger<ZitadelStep> logger) : ITenantStep
{
    public const string Condition = "ZitadelReady";
    public const string DefaultCredentialKey = "token";

    public int Order => 10;

    public string ConditionType => Condition;

    public bool RequiresValidSpec => true;

    public async Task<StepResult> ReconcileAsync(TenantContext context, CancellationToken ct)
    {
        var tenant = context.Tenant;
        var (credential, problem, credentialsVersion) = await ReadCredentialAsync(context, ct);
        if (credential is null)
        {
            gate.Forget(context.Key);
            return problem!;
        }

        var secretKey = new ObjectKey(context.Namespace, ServiceUserSecret.Name(tenant));
        var live = informers.Get<V1Secret>().Get(secretKey);
        var inputs = new ZitadelSyncInputs(tenant.Metadata.Uid, tenant.Metadata.Generation, credentialsVersion,
            live is null ? null : ServiceUserSecret.TokenId(live));
        if (gate.Reuse(context.Key, inputs, context.Now, settings.ZitadelResyncInterval) is { } reused)
        {
            context.Zitadel = reused.Resolution;
            return reused.Result;
        }

        gate.Forget(context.Key);

        var url = new Uri(tenant.Spec.Zitadel.Url);
        var client = clients.Get(context.Key, url, credential);
        var sync = new TenantZitadelSync(client, tenant);
        string? organizationId = null, projectId = null, serviceUserId = null;
        long? users = null;
        void Apply(ScimTenantStatus status)
        {
            status.OrganizationId = organizationId ?? status.OrganizationId;
            status.ProjectId = projectId ?? status.ProjectId;
            status.ServiceUserId = serviceUserId ?? status.ServiceUserId;
            status.RolesInSync = sync.RolesInSync ?? status.RolesInSync;
            if (users is not null || sync.Groups is not null)
            {
                status.Provisioning ??= new ProvisioningStatus();
                status.Provisioning.Users = users ?? status.Provisioning.Users;
                status.Provisioning.Groups = sync.Groups ?? status.Provisioning.Groups;
            }
        }

        try
        {
            organizationId = await sync.ResolveOrganizationAsync(mayCreate: true, ct);
            if (organizationId is null)
            {
                return StepResult.False("OrganizationNotFound", NotFound("organization", tenant.Spec.Zitadel.Organization),
                    settings.ZitadelRetryInterval, Apply);
            }

            projectId = await sync.ResolveProjectAsync(organizationId, mayCreate: true, ct);
            if (projectId is null)
            {
                return StepResult.False("ProjectNotFound",
                    NotFound("project", tenant.Spec.Zitadel.Project) + $" in organization {organizationId}",
                    settings.ZitadelRetryInterval, Apply);
            }

            await sync.EnsureRolesAsync(projectId, ct);
            if (live is not null && !TenantOwner.Controls(live, tenant))
            {
                return StepResult.False("SecretConflict",
                    $"Secret '{secretKey.Name}' exists and is not owned by this ScimTenant; it is never overwritten",
                    settings.ZitadelRetryInterval, Apply);
            }

            var knownUser = ServiceUserSecret.UserId(live);
            serviceUserId = await sync.EnsureServiceUserAsync(organizationId, knownUser, ct);
            await sync.EnsureAdministratorRolesAsync(serviceUserId, organizationId, projectId, ct);
            var pats = new ServiceUserPat(client, objects, events, settings, logger);
            var tokenId = await pats.EnsureAsync(context, live, serviceUserId, sync.Progress, ct);
            users = await sync.CountUsersAsync(organizationId, ct);

            context.Zitadel = new ZitadelResolution(tenant.Spec.Zitadel.Url, organizationId, projectId, serviceUserId,
                secretKey.Name, ServiceUserSecret.DataKey, tokenId);
            var result = StepResult.True("Reconciled",
                $"organization {organizationId}, project {projectId}, service user {serviceUserId}; " +
                $"{string.Join("; ", sync.Progress)}; {users} SCIM user(s), {sync.Groups} group(s)",
                settings.ZitadelResyncInterval, Apply);
            // With the PAT id just written: the Secret's own watch event must not cost another check.
            gate.Remember(context.Key, inputs with { ServiceUserTokenId = tokenId }, context.Now, context.Zitadel, result);
            return result;
        }
        catch (ZitadelFailure failure)
        {
            ZitadelLog.CallFailed(logger, context.Namespace, context.Key.Name, failure.Operation.ToString(),
                failure.Error.StatusCode ?? 0, failure.Error.Code.ToString());
            return failure.ToResult(sync.Progress, DescribeCredential(tenant, credential), settings.ZitadelRetryInterval)
                with { Apply = Apply };
        }
    }

    public async Task<bool> FinalizeAsync(TenantContext context, CancellationToken ct)
    {
        gate.Forget(context.Key);
        if (context.Tenant.Spec.DeletionPolicy != "Delete")
        {
            clients.Release(context.Key);
            return true;
        }

        var (credential, problem, _) = await ReadCredentialAsync(context, ct);
        if (credential is null)
        {
            await events.WarningAsync(context.Tenant, "CleanupBlocked", "Finalize",
                $"deletionPolicy Delete: cannot remove the ZITADEL objects: {problem!.Message}", ct);
            return false;
        }

        var sync = new TenantZitadelSync(clients.Get(context.Key, new Uri(context.Tenant.Spec.Zitadel.Url), credential),
            context.Tenant);
        try
        {
            if (!await sync.CleanUpAsync(ct))
            {
                return false;
            }
        }
        catch (ZitadelFailure failure)
        {
            var result = failure.ToResult(sync.Progress, DescribeCredential(context.Tenant, credential), TimeSpan.Zero);
            await events.WarningAsync(context.Tenant, "CleanupFailed", "Finalize", result.Message, ct);
            return false;
        }

        await events.NormalAsync(context.Tenant, "CleanedUp", "Finalize",
            "deletionPolicy Delete: removed the SCIM users, the SCIM group roles and the service user from ZITADEL", ct);
        clients.Release(context.Key);
        return true;
    }

    /// <summary>The operator's credential for the tenant, or why there is none; with the Secret's resourceVersion.</summary>
    private async Task<(ZitadelCredential? Credential, StepResult? Problem, string? Version)> ReadCredentialAsync(
        TenantContext context, CancellationToken ct)
    {
        var reference = context.Tenant.Spec.Zitadel.CredentialsSecretRef;
        var dataKey = CredentialKey(reference);

        // Note: the Secret informer holds only Secrets the operator labelled (the cluster's other Secrets never enter
        // its memory), so a user's credentials Secret is read from the API server unless it carries those labels.
        // One Kubernetes GET per reconcile; ZitadelSyncGate turns its resourceVersion into "check ZITADEL again".
        var key = new ObjectKey(context.Namespace, reference.Name);
        var secret = informers.Get<V1Secret>().Get(key) ?? await objects.GetAsync<V1Secret>(key, ct);
        if (secret?.Data?.TryGetValue(dataKey, out var data) != true)
        {
            var missing = secret is null ? $"Secret '{reference.Name}' not found"
                : $"Secret '{reference.Name}' has no key '{dataKey}'";
            return (null, StepResult.False("CredentialsNotFound",
                $"{missing}: it must hold the operator's ZITADEL credential (a PAT or a JWT-profile key file)",
                settings.ZitadelRetryInterval), null);
        }

        try
        {
            return (ZitadelCredential.Parse(data!), null, secret.Metadata.ResourceVersion);
        }
        catch (FormatException e)
        {
            return (null, StepResult.False("CredentialsInvalid",
                $"Secret '{reference.Name}' key '{dataKey}': {e.Message}", settings.ZitadelRetryInterval), null);
        }
    }

    private static string DescribeCredential(ScimTenant tenant, ZitadelCredential credential)
    {
        var reference = tenant.Spec.Zitadel.CredentialsSecretRef;
        return $"the {credential} in Secret '{reference.Name}' key '{CredentialKey(reference)}'";
    }

    private static string CredentialKey(SecretKeyRef reference) =>
        string.IsNullOrEmpty(reference.Key) ? DefaultCredentialKey : reference.Key;

    private static string NotFound(string what, ZitadelObjectRef reference) =>
        string.IsNullOrEmpty(reference.Id)
            ? $"No {what} named '{reference.Name}' is visible to the operator's identity" +
              (reference.Create == true ? "" : $" (set create: true to create it)")
            : $"No {what} with id '{reference.Id}' is visible to the operator's identity";
}
