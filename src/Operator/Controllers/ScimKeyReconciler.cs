using k8s.Autorest;
using k8s.Models;
using Operator.Api;
using Operator.Keys;
using Operator.Runtime;

namespace Operator.Controllers;

/// <summary>
/// Issues each ScimKey's token into its Secret and reports it on the key's status (see <see cref="KeyPolicy"/> for
/// when a token is issued). The reconcile reads the key, its tenant and its Secret from the informer caches; the API
/// calls are the Secret write (only when something differs) and the status write (only when it changed): two calls
/// for a new key. A Secret missing from the cache (the cache only holds Secrets the operator labelled) is created;
/// AlreadyExists then means it exists unlabelled or the cache lags, and the live object decides which.
/// </summary>
internal sealed class ScimKeyReconciler(
    IInformerFactory informers,
    IKubernetesObjects objects,
    IEventRecorder events,
    OperatorSettings settings,
    ResourceGauges gauges,
    TimeProvider time,
    ILogger<ScimKeyReconciler> logger) : IReconciler<ScimKey>
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var scimKey = informers.Get<ScimKey>().Get(key);
        if (scimKey is null)
        {
            gauges.KeyGone(key);
            return ReconcileResult.Done;
        }

        if (scimKey.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(key, scimKey, ct);
        }

        if (!HasFinalizer(scimKey))
        {
            // Before any token exists: a key is never deleted while its hash may still be in a key set.
            var finalizers = (scimKey.Metadata.Finalizers ?? []).Append(Finalizer).ToList();
            scimKey = await objects.PatchAsync<ScimKey>(key, FinalizerPatch(scimKey, finalizers), ct, settings.FieldManager);
        }

        var tenant = informers.Get<ScimTenant>().Get(new ObjectKey(key.Namespace, scimKey.Spec.TenantRef.Name));
        var secretKey = new ObjectKey(key.Namespace, KeyPolicy.SecretName(scimKey));
        var live = informers.Get<V1Secret>().Get(secretKey);
        var now = time.GetUtcNow();
        var decision = KeyPolicy.Decide(scimKey, tenant, live, now, settings.KeyExpiryWarning, ScimToken.Create);

        if (decision.Action == SecretAction.Create)
        {
            try
            {
                await objects.CreateAsync(decision.Secret!, ct, settings.FieldManager);
            }
            catch (HttpOperationException e) when (e.IsAlreadyExists())
            {
                // Not in the cache but present: either the cache lags behind our own write, or the Secret is
                // someone else's. Decide again on the live object; a new token is only issued if it is ours and broken.
                live = await objects.GetAsync<V1Secret>(secretKey, ct);
                decision = KeyPolicy.Decide(scimKey, tenant, live, now, settings.KeyExpiryWarning, ScimToken.Create);
                await WriteSecretAsync(decision, ct);
            }
        }
        else
        {
            await WriteSecretAsync(decision, ct);
        }

        await objects.UpdateStatusAsync(scimKey, k =>
        {
            // lastUsedTime belongs to the endpoint: keep the freshest value, never the cached one.
            var lastUsed = k.Status?.LastUsedTime;
            k.Status = decision.Status;
            if (lastUsed > k.Status.LastUsedTime || k.Status.LastUsedTime is null)
            {
                k.Status.LastUsedTime = lastUsed;
            }

            return true;
        }, ct);

        foreach (var e in decision.Events)
        {
            if (e.Warning)
            {
                await events.WarningAsync(scimKey, e.Reason, e.Action, e.Note, ct);
            }
            else
            {
                await events.NormalAsync(scimKey, e.Reason, e.Action, e.Note, ct);
            }
        }

        gauges.Key(key, scimKey.Spec.TenantRef.Name, decision.Status);
        ControllerLog.KeyReconciled(logger, key.Namespace ?? "", key.Name, decision.Action.ToString(),
            decision.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Reason ?? "");
        return decision.RequeueAfter is { } after ? ReconcileResult.After(after) : ReconcileResult.Done;
    }

    /// <summary>
    /// A deleted key keeps its finalizer until the tenant's key set no longer names any of its tokens (the tenant
    /// controller leaves deleting keys out), so a deletion is never reported done while Entra's token still works.
    /// The Secret then goes with its owner through garbage collection.
    /// </summary>
    private async Task<ReconcileResult> FinalizeAsync(ObjectKey key, ScimKey scimKey, CancellationToken ct)
    {
        gauges.KeyGone(key);
        if (!HasFinalizer(scimKey))
        {
            return ReconcileResult.Done;
        }

        var tenant = informers.Get<ScimTenant>().Get(new ObjectKey(key.Namespace, scimKey.Spec.TenantRef.Name));
        if (tenant is not null)
        {
            var keySet = informers.Get<V1Secret>().Get(new ObjectKey(key.Namespace, KeySetPolicy.SecretName(tenant)));
            var ids = keySet?.Data is { } data && data.TryGetValue(KeySetDocument.DataKey, out var content)
                ? KeySetDocument.ReadIds(content) ?? []
                : [];
            if (ids.Any(id => id.StartsWith(scimKey.Metadata.Name + ".", StringComparison.Ordinal)))
            {
                // The key set's next write wakes this key (ScimControllers.KeysWaitingFor); the long requeue is only a
                // safety net for a lost watch event, which the informer's relist would also repair.
                return ReconcileResult.After(KeySetWaitFallback);
            }
        }

        var remaining = scimKey.Metadata.Finalizers.Where(f => f != Finalizer).ToList();
        try
        {
            await objects.PatchAsync<ScimKey>(key, FinalizerPatch(scimKey, remaining), ct, settings.FieldManager);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            // Already gone.
        }

        return ReconcileResult.Done;
    }

    /// <summary>How long a deleting key waits, at most, before looking at the key set again without being woken.</summary>
    public static readonly TimeSpan KeySetWaitFallback = TimeSpan.FromMinutes(1);

    /// <summary>The finalizer on every ScimKey: its tokens leave the key set before the key goes.</summary>
    public const string Finalizer = ApiGroup.Prefix + "key-revocation";

    private static bool HasFinalizer(ScimKey key) => key.Metadata.Finalizers?.Contains(Finalizer) == true;

    private static V1Patch FinalizerPatch(ScimKey key, IList<string> finalizers) =>
        Finalizers.Patch(key.Metadata.Finalizers, finalizers);

    private async Task WriteSecretAsync(KeyDecision decision, CancellationToken ct)
    {
        switch (decision.Action)
        {
            case SecretAction.Create:
                await objects.CreateAsync(decision.Secret!, ct, settings.FieldManager);
                break;
            case SecretAction.Update:
                // Carries the live resourceVersion: a concurrent change fails with 409 and the key is requeued.
                await objects.ReplaceAsync(decision.Secret!, ct, settings.FieldManager);
                break;
        }
    }
}
