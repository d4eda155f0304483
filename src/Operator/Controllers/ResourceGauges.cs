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
        var labels = new[] { key.Namespace ?? "", key.Name, tenant };
        _keyReady.WithLabels(labels).Set(IsTrue(status.Conditions) ? 1 : 0);
        if (status.ExpiresAt is { } expires)
        {
            _keyExpiry.WithLabels(labels).Set(new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)).ToUnixTimeSeconds());
        }
        else
        {
            RemoveSeries(_keyExpiry, key);
        }

        // A key that moved to another tenant leaves its old series behind: drop every other tenant's.
        foreach (var stale in _keyReady.GetAllLabelValues().Where(l => l[0] == labels[0] && l[1] == labels[1] && l[2] != tenant).ToList())
        {
            _keyReady.RemoveLabelled(stale);
            _keyExpiry.RemoveLabelled(stale);
        }
    }

    public void KeyGone(ObjectKey key)
    {
        RemoveSeries(_keyReady, key);
        RemoveSeries(_keyExpiry, key);
    }

    public void Tenant(ObjectKey key, ScimTenantStatus? status) =>
        _tenantReady.WithLabels(key.Namespace ?? "", key.Name).Set(IsTrue(status?.Conditions) ? 1 : 0);

    public void TenantGone(ObjectKey key) => _tenantReady.RemoveLabelled(key.Namespace ?? "", key.Name);

    private static void RemoveSeries(Gauge gauge, ObjectKey key)
    {
        foreach (var labels in gauge.GetAllLabelValues().Where(l => l[0] == (key.Namespace ?? "") && l[1] == key.Name).ToList())
        {
            gauge.RemoveLabelled(labels);
        }
    }

    private static bool IsTrue(IList<k8s.Models.V1Condition>? conditions) =>
        conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";
}
