using k8s.Models;
using Operator.Api;
using Operator.Controllers.Endpoint;
using Operator.Runtime;

namespace Operator.Controllers;

/// <summary>Registers the ScimKey and ScimTenant controllers and the informers they read.</summary>
internal static class ScimControllers
{
    /// <summary>How long a tenant gathers changes of its keys and their Secrets before its key set is written.</summary>
    public static readonly TimeSpan KeySetBatch = TimeSpan.FromMilliseconds(500);

    public static IServiceCollection AddScimControllers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorSettings>().Bind(configuration.GetSection(OperatorSettings.Section));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OperatorSettings>>().Value);
        services.AddSingleton<ResourceGauges>();
        services.AddScoped<ITenantStep, KeySetStep>();
        services.AddSingleton<Zitadel.ZitadelClientFactory>();
        services.AddSingleton<Zitadel.ZitadelSyncGate>();
        services.AddScoped<ITenantStep, Zitadel.ZitadelStep>();
        services.AddScoped<ITenantStep, EndpointStep>();

        // Only the Secrets the operator labelled are cached: the cluster's other Secrets never enter its memory.
        services.AddInformer<V1Secret>(KeyLabels.Selector);
        services.AddInformer<ScimKey>();
        services.AddInformer<ScimTenant>();
        services.AddInformer<V1ServiceAccount>(KeyLabels.Selector);
        services.AddInformer<V1Role>(KeyLabels.Selector);
        services.AddInformer<V1RoleBinding>(KeyLabels.Selector);
        services.AddInformer<V1ConfigMap>(KeyLabels.Selector);
        services.AddInformer<V1Deployment>(KeyLabels.Selector);
        services.AddInformer<V1Service>(KeyLabels.Selector);
        services.AddInformer<V1Ingress>(KeyLabels.Selector);
        services.AddInformer<V1PodDisruptionBudget>(KeyLabels.Selector);

        // A key reads its tenant's existence and spec, and a tenant reads its keys' specs (and their Secrets): neither
        // reacts to the other's status writes, or each tenant status write would reconcile all of its keys again.
        services.AddController<ScimKey, ScimKeyReconciler>("scimkey", c => c
            .Owns<V1Secret>()
            .Watches<ScimTenant>(
                (informers, tenant) => informers.Get<ScimKey>()
                    .List(tenant.Metadata.NamespaceProperty, k => k.Spec.TenantRef.Name == tenant.Metadata.Name)
                    .Select(ObjectKey.From),
                WatchFilters.SpecOrDeletionChanged)
            .Watches<V1Secret>(KeysWaitingFor)
            .MaxConcurrentReconciles(4));

        // The key set is one write for all of a tenant's keys: a burst of new keys is gathered for KeySetBatch and
        // written once, rather than once per key as each key's Secret appears. The tenant's own status writes do not
        // reconcile it again (that pass would write the keys that arrived meanwhile at once, defeating the batch).
        services.AddController<ScimTenant, ScimTenantReconciler>("scimtenant", c => c
            .ReconcileOwnEventsWhen(WatchFilters.SpecOrDeletionChanged)
            .Owns<V1Secret>()
            .Owns<V1ServiceAccount>()
            .Owns<V1Role>()
            .Owns<V1RoleBinding>()
            .Owns<V1ConfigMap>()
            .Owns<V1Deployment>()
            .Owns<V1Service>()
            .Owns<V1Ingress>()
            .Owns<V1PodDisruptionBudget>()
            .Watches<ScimKey>(k => [new ObjectKey(k.Metadata.NamespaceProperty, k.Spec.TenantRef.Name)],
                WatchFilters.SpecOrDeletionChanged)
            .Watches<V1Secret>(s => s.Metadata.Labels?.TryGetValue(KeyLabels.Tenant, out var t) == true
                ? [new ObjectKey(s.Metadata.NamespaceProperty, t)]
                : [])
            .Batch(KeySetBatch)
            .MaxConcurrentReconciles(2));
        return services;
    }

    /// <summary>
    /// The keys being deleted that wait for this key-set Secret to drop their tokens (none for any other Secret):
    /// each write of the key set wakes them, instead of each polling the cache.
    /// </summary>
    private static IEnumerable<ObjectKey> KeysWaitingFor(IInformerFactory informers, V1Secret secret) =>
        secret.Metadata.Labels?.TryGetValue(KeyLabels.Tenant, out var tenant) == true &&
        secret.Metadata.Name == KeySetPolicy.SecretName(tenant)
            ? informers.Get<ScimKey>()
                .List(secret.Metadata.NamespaceProperty, k => k.Spec.TenantRef.Name == tenant && k.Metadata.DeletionTimestamp is not null)
                .Select(ObjectKey.From)
            : [];
}
