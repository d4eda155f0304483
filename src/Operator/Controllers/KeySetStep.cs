using k8s;
using k8s.Autorest;
using k8s.Models;
using Operator.Api;
using Operator.Keys;
using Operator.Runtime;

namespace Operator.Controllers;

/// <summary>
/// Maintains the tenant's key set: a Secret <c>&lt;tenant&gt;-scim-keyset</c> with the token hashes only, which the
/// tenant's endpoint watches (see <see cref="KeySetPolicy"/>). Computed from the caches of ScimKeys and their
/// Secrets, so a burst of keys costs one write per reconcile, not one per key. Owns <c>KeySetReady</c>.
/// </summary>
internal sealed class KeySetStep(IInformerFactory informers, IKubernetesObjects objects, OperatorSettings settings) : ITenantStep
{
    public const string Condition = "KeySetReady";

    public int Order => 0;

    public string ConditionType => Condition;

    public bool RequiresValidSpec => false;

    public async Task<StepResult> ReconcileAsync(TenantContext context, CancellationToken ct)
    {
        var tenant = context.Tenant;
        var secrets = informers.Get<V1Secret>();
        var keys = informers.Get<ScimKey>().List(context.Namespace, k => k.Spec.TenantRef.Name == tenant.Metadata.Name);
        var computed = KeySetPolicy.Compute(tenant, keys, name => secrets.Get(new ObjectKey(context.Namespace, name)), context.Now);
        var content = KeySetDocument.Serialize(computed.Entries);
        var secretKey = new ObjectKey(context.Namespace, KeySetPolicy.SecretName(tenant));
        var requeue = computed.NextChange is { } next ? next - context.Now + TimeSpan.FromSeconds(1) : (TimeSpan?)null;
        void Apply(ScimTenantStatus status)
        {
            status.KeySetSecretName = secretKey.Name;
            status.ActiveKeys = computed.Entries.Count;
        }

        var live = secrets.Get(secretKey);
        if (live is not null && !TenantOwner.Controls(live, tenant))
        {
            return Conflict(secretKey);
        }

        var desired = BuildSecret(tenant, secretKey, content);
        try
        {
            if (live is null)
            {
                await objects.CreateAsync(desired, ct, settings.FieldManager);
            }
            else if (live.Data?.TryGetValue(KeySetDocument.DataKey, out var current) != true ||
                     !current.AsSpan().SequenceEqual(content) ||
                     !(live.Metadata.Labels?.TryGetValue(KeyLabels.ManagedBy, out var managedBy) == true &&
                       managedBy == KeyLabels.ManagedByValue))
            {
                live = live.DeepClone();
                live.Data ??= new Dictionary<string, byte[]>();
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
            if (fresh is not null && !TenantOwner.Controls(fresh, tenant))
            {
                return Conflict(secretKey);
            }

            throw; // Ours and the cache lags: the requeue converges.
        }

        return StepResult.True("KeySetUpdated", $"Secret '{secretKey.Name}' holds {computed.Entries.Count} token hash(es)",
            requeue, Apply);
    }

    public Task<bool> FinalizeAsync(TenantContext context, CancellationToken ct) => Task.FromResult(true);

    private static StepResult Conflict(ObjectKey secretKey) => StepResult.False("SecretConflict",
        $"Secret '{secretKey.Name}' exists and is not owned by this ScimTenant; it is never overwritten");

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
            OwnerReferences = [TenantOwner.Reference(tenant)],
        },
        Data = new Dictionary<string, byte[]> { [KeySetDocument.DataKey] = content },
    };
}

/// <summary>The controller ownerReference every object a tenant owns carries.</summary>
internal static class TenantOwner
{
    public static V1OwnerReference Reference(ScimTenant tenant) => new()
    {
        ApiVersion = ApiGroup.ApiVersion,
        Kind = ScimTenant.KindName,
        Name = tenant.Metadata.Name,
        Uid = tenant.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>True when <paramref name="obj"/>'s controller ownerReference is <paramref name="tenant"/>.</summary>
    public static bool Controls(IKubernetesObject<V1ObjectMeta> obj, ScimTenant tenant) =>
        obj.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == tenant.Metadata.Uid) == true;
}
