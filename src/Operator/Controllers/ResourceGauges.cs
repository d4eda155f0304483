using Operator.Api;
using Operator.Runtime;
using Prometheus;

namespace Operator.Controllers;

/// <summary>
/// Per-object gauges: <c>scim_key_ready_status</c> and <c>scim_key_expiration_timestamp_seconds</c> per ScimKey,
/// <c>scim_tenant_ready_status</c> per ScimTenant (1 when Ready=True, else 0). Series of deleted objects are removed.
/// </summary>
internal sealed class ResourceGauges
{
    private readonly Gauge _keyReady;
    private readonly Gauge _keyExpiry;
    private readonly Gauge _tenantReady;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Namespace, string Name), string> _keyTenants = new();

    public ResourceGauges(OperatorMetrics metrics)
    {
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        _keyReady = factory.CreateGauge("scim_key_ready_status",
            "1 when the ScimKey is Ready, else 0.", "namespace", "name", "tenant");
        _keyExpiry = factory.CreateGauge("scim_key_expiration_timestamp_seconds",
            "When the ScimKey's current token expires (Unix seconds); absent for keys that never expire.",
            "namespace", "name", "tenant");
        _tenantReady = factory.CreateGauge("scim_tenant_ready_status",
            "1 when the ScimTenant is Ready, else 0.", "namespace", "name");
    }

    public void Key(ObjectKey key, string tenant, ScimKeyStatus status)
    {
        var id = (key.Namespace ?? "", key.Name);
        // A key that moved to another tenant leaves its old series behind: drop them. The tenant each key's series
        // carry is remembered, so this costs no scan of every series (a burst of N keys would otherwise cost N²).
        if (_keyTenants.TryGetValue(id, out var previous) && previous != tenant)
        {
            RemoveKeySeries(id, previous);
        }

        _keyTenants[id] = tenant;
        _keyReady.WithLabels(id.Item1, id.Item2, tenant).Set(IsTrue(status.Conditions) ? 1 : 0);
        if (status.ExpiresAt is { } expires)
        {
            _keyExpiry.WithLabels(id.Item1, id.Item2, tenant)
                .Set(new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)).ToUnixTimeSeconds());
        }
        else
        {
            _keyExpiry.RemoveLabelled(id.Item1, id.Item2, tenant);
        }
    }

    public void KeyGone(ObjectKey key)
    {
        var id = (key.Namespace ?? "", key.Name);
        if (_keyTenants.TryRemove(id, out var tenant))
        {
            RemoveKeySeries(id, tenant);
        }
    }

    public void Tenant(ObjectKey key, ScimTenantStatus? status) =>
        _tenantReady.WithLabels(key.Namespace ?? "", key.Name).Set(IsTrue(status?.Conditions) ? 1 : 0);

    public void TenantGone(ObjectKey key) => _tenantReady.RemoveLabelled(key.Namespace ?? "", key.Name);

    private void RemoveKeySeries((string Namespace, string Name) id, string tenant)
    {
        _keyReady.RemoveLabelled(id.Namespace, id.Name, tenant);
        _keyExpiry.RemoveLabelled(id.Namespace, id.Name, tenant);
    }

    private static bool IsTrue(IList<k8s.Models.V1Condition>? conditions) =>
        conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";
}
