using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Runtime;

namespace Operator.Controllers.Endpoint;

/// <summary>
/// Deploys the tenant's SCIM endpoint: ServiceAccount, Role and RoleBinding, ConfigMap, Deployment, Service, and the
/// optional Ingress and PodDisruptionBudget (<see cref="EndpointManifests"/>), all controlled by the tenant so garbage
/// collection removes them with it. Each reconcile compares the cached objects with the desired ones on the fields
/// the operator owns (<see cref="OwnedFields"/>) and server-side applies only what drifted. Owns
/// <c>EndpointReady</c>, which follows the Deployment's own status (<see cref="DeploymentReadiness"/>).
/// </summary>
internal sealed class EndpointStep(IInformerFactory informers, IKubernetesObjects objects, OperatorSettings settings) : ITenantStep
{
    public const string Condition = "EndpointReady";

    public int Order => 20;

    public string ConditionType => Condition;

    public bool RequiresValidSpec => true;

    public async Task<StepResult> ReconcileAsync(TenantContext context, CancellationToken ct)
    {
        if (context.Zitadel is not { } zitadel)
        {
            return StepResult.False("WaitingForZitadel",
                "The endpoint is deployed once ZITADEL is ready; objects already deployed are left as they are");
        }

        var tenant = context.Tenant;
        var keyNames = informers.Get<ScimKey>()
            .List(context.Namespace, k => k.Spec.TenantRef.Name == tenant.Metadata.Name)
            .Select(k => k.Metadata.Name);
        var desired = EndpointManifests.Build(tenant, zitadel, settings.EndpointImage, keyNames);
        var conflicts = new List<string>();

        await EnsureAsync(tenant, desired.ServiceAccount, conflicts, ct);
        await EnsureAsync(tenant, desired.Role, conflicts, ct);
        await EnsureAsync(tenant, desired.RoleBinding, conflicts, ct);
        await EnsureAsync(tenant, desired.ConfigMap, conflicts, ct);
        await EnsureAsync(tenant, desired.Service, conflicts, ct);

        // Pods must never start with someone else's ServiceAccount or settings.
        if (conflicts.Count > 0)
        {
            return Conflict(conflicts);
        }

        var deployment = await EnsureAsync(tenant, desired.Deployment, conflicts, ct);
        await EnsureOptionalAsync(tenant, desired.Ingress, EndpointManifests.Name(tenant), conflicts, ct);
        await EnsureOptionalAsync(tenant, desired.PodDisruptionBudget, EndpointManifests.Name(tenant), conflicts, ct);
        return conflicts.Count > 0 ? Conflict(conflicts) : DeploymentReadiness.Evaluate(deployment!);
    }

    public Task<bool> FinalizeAsync(TenantContext context, CancellationToken ct) => Task.FromResult(true);

    /// <summary>Applies <paramref name="desired"/> when the live object drifted; returns the live object, or null on a conflict.</summary>
    private async Task<T?> EnsureAsync<T>(ScimTenant tenant, T desired, List<string> conflicts, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        OwnedFields.Stamp(desired);
        var key = ObjectKey.From(desired);

        // Objects without the operator's labels are not cached: ask the API server before claiming a name.
        var live = informers.Get<T>().Get(key) ?? await objects.GetAsync<T>(key, ct);
        if (live is not null && !TenantOwner.Controls(live, tenant))
        {
            conflicts.Add($"{desired.Kind} '{key.Name}'");
            return null;
        }

        if (live is not null && OwnedFields.InLine(desired, live))
        {
            return live;
        }

        // Server-side apply, forced: the operator owns these fields, and fields it stopped setting are removed.
        return await objects.PatchAsync<T>(key, new V1Patch(OperatorJson.Serialize(desired), V1Patch.PatchType.ApplyPatch), ct,
            settings.FieldManager, force: true);
    }

    /// <summary>Ensures an optional object, or deletes the tenant's own one when it is no longer wanted.</summary>
    private async Task EnsureOptionalAsync<T>(ScimTenant tenant, T? desired, string name, List<string> conflicts, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (desired is not null)
        {
            await EnsureAsync(tenant, desired, conflicts, ct);
            return;
        }

        var key = new ObjectKey(tenant.Metadata.NamespaceProperty, name);
        if (informers.Get<T>().Get(key) is { } live && TenantOwner.Controls(live, tenant))
        {
            await objects.DeleteAsync<T>(key, ct, preconditionUid: live.Metadata.Uid);
        }
    }

    private static StepResult Conflict(List<string> conflicts) => StepResult.False("ResourceConflict",
        $"{string.Join(", ", conflicts)} exist(s) and is not owned by this ScimTenant; it is never overwritten");
}
