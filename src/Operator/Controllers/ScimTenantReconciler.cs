using k8s.Autorest;
using k8s.Models;
using Operator.Api;
using Operator.Keys;
using Operator.Runtime;

namespace Operator.Controllers;

/// <summary>
/// Validates a ScimTenant, maintains its key set (a Secret with token hashes only, which the tenant's endpoint
/// watches), and reports <c>KeySetReady</c> and <c>Ready</c>. ZITADEL and the deployed endpoint join in the next
/// stage. The key set is computed from the caches of ScimKeys and their Secrets, so a burst of keys for one tenant
/// costs one key-set write per reconcile, not one per key.
/// </summary>
internal sealed class ScimTenantReconciler(
    IInformerFactory informers,
    IKubernetesObjects objects,
    IEventRecorder events,
    OperatorSettings settings,
    ResourceGauges gauges,
    TimeProvider time,
    ILogger<ScimTenantReconciler> logger) : IReconciler<ScimTenant>
{
    public const string KeySetReady = "KeySetReady";
    public const string Ready = "Ready";

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var tenant = informers.Get<ScimTenant>().Get(key);
        if (tenant is null || tenant.Metadata.DeletionTimestamp is not null)
        {
            gauges.TenantGone(key);
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var errors = TenantSpecValidator.Validate(tenant.Spec);
        var secrets = informers.Get<V1Secret>();
        var keys = informers.Get<ScimKey>().List(key.Namespace, k => k.Spec.TenantRef.Name == key.Name);
        var computed = KeySetPolicy.Compute(tenant, keys, name => secrets.Get(new ObjectKey(key.Namespace, name)), now);
        var content = KeySetDocument.Serialize(computed.Entries);
        var secretName = KeySetPolicy.SecretName(tenant);
        var (keySetStatus, keySetReason, keySetMessage) = await EnsureKeySetAsync(
            tenant, new ObjectKey(key.Namespace, secretName), content, computed.Entries.Count, ct);

        var generation = tenant.Metadata.Generation;
        var tenantUrl = TenantUrls.Compute(tenant);
        var updated = await objects.UpdateStatusAsync(tenant, t =>
        {
            var status = t.Status ??= new ScimTenantStatus();
            status.Conditions ??= [];
            status.TenantUrl = tenantUrl;
            status.KeySetSecretName = secretName;
            status.ActiveKeys = computed.Entries.Count;
            Conditions.Set(status.Conditions, KeySetReady, keySetStatus, keySetReason, keySetMessage, generation, now.UtcDateTime);
            if (errors.Count > 0)
            {
                Conditions.Set(status.Conditions, Ready, "False", "InvalidSpec", string.Join("; ", errors), generation, now.UtcDateTime);
            }
            else if (keySetStatus != "True")
            {
                Conditions.Set(status.Conditions, Ready, "False", keySetReason, keySetMessage, generation, now.UtcDateTime);
            }
            else
            {
                Conditions.Set(status.Conditions, Ready, "True", "KeySetReady",
                    $"The key set accepts {computed.Entries.Count} token(s); Tenant URL {tenantUrl}", generation, now.UtcDateTime);
            }

            return true;
        }, ct);

        var wasInvalid = tenant.Status?.Conditions?.Any(c => c.Type == Ready && c.Reason == "InvalidSpec") == true;
        if (errors.Count > 0 && !wasInvalid)
        {
            await events.WarningAsync(tenant, "InvalidSpec", "Validate", string.Join("; ", errors), ct);
        }

        gauges.Tenant(key, (updated ?? tenant).Status);
        ControllerLog.TenantReconciled(logger, key.Namespace ?? "", key.Name, computed.Entries.Count);
        return computed.NextChange is { } next
            ? ReconcileResult.After(next - now + TimeSpan.FromSeconds(1))
            : ReconcileResult.Done;
    }

    private async Task<(string Status, string Reason, string Message)> EnsureKeySetAsync(
        ScimTenant tenant, ObjectKey secretKey, byte[] content, int count, CancellationToken ct)
    {
        var live = informers.Get<V1Secret>().Get(secretKey);
        if (live is not null && !IsControlledBy(live, tenant))
        {
            return ("False", "SecretConflict",
                $"Secret '{secretKey.Name}' exists and is not owned by this ScimTenant; it is never overwritten");
        }

        var desired = BuildSecret(tenant, secretKey, content);
        try
        {
            if (live is null)
            {
                await objects.CreateAsync(desired, ct, settings.FieldManager);
            }
            else if (!live.Data.TryGetValue(KeySetDocument.DataKey, out var current) || !current.AsSpan().SequenceEqual(content) ||
                     !(live.Metadata.Labels?.TryGetValue(KeyLabels.ManagedBy, out var managedBy) == true && managedBy == KeyLabels.ManagedByValue))
            {
                live = live.DeepClone();
                live.Data[KeySetDocument.DataKey] = content;
                live.Metadata.Labels ??= new Dictionary<string, string>();
                foreach (var (k, v) in desired.Metadata.Labels)
                {
                    live.Metadata.Labels[k] = v;
                }

                await objects.ReplaceAsync(live, ct, settings.FieldManager);
            }
        }
        catch (HttpOperationException e) when (e.IsAlreadyExists())
        {
            var fresh = await objects.GetAsync<V1Secret>(secretKey, ct);
            if (fresh is not null && !IsControlledBy(fresh, tenant))
            {
                return ("False", "SecretConflict",
                    $"Secret '{secretKey.Name}' exists and is not owned by this ScimTenant; it is never overwritten");
            }

            throw; // Ours and the cache lags: the requeue converges.
        }

        return ("True", "KeySetUpdated", $"Secret '{secretKey.Name}' holds {count} token hash(es)");
    }

    private static bool IsControlledBy(V1Secret secret, ScimTenant tenant) =>
        secret.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == tenant.Metadata.Uid) == true;

    private static V1Secret BuildSecret(ScimTenant tenant, ObjectKey key, byte[] content) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta
        {
            Name = key.Name,
            NamespaceProperty = key.Namespace,
            Labels = new Dictionary<string, string>
            {
                [KeyLabels.ManagedBy] = KeyLabels.ManagedByValue,
                [KeyLabels.Tenant] = tenant.Metadata.Name,
            },
            OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = ApiGroup.ApiVersion, Kind = ScimTenant.KindName, Name = tenant.Metadata.Name,
                    Uid = tenant.Metadata.Uid, Controller = true, BlockOwnerDeletion = true,
                },
            ],
        },
        Data = new Dictionary<string, byte[]> { [KeySetDocument.DataKey] = content },
    };

}
