using System.Text;
using k8s.Models;
using Operator.Api;
using Operator.Controllers;
using Operator.Runtime;
using Prometheus;

namespace Operator.Tests.Controllers;

/// <summary>The per-object gauges follow each key's tenant and expiry, and leave no series behind.</summary>
public sealed class ResourceGaugesTests
{
    private static readonly DateTime Expiry = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Key_MovedToAnotherTenantLosesExpiryThenGone_KeepsExactlyTheCurrentSeries()
    {
        var metrics = new OperatorMetrics();
        var gauges = new ResourceGauges(metrics);
        var key = new ObjectKey("team-a", "entra");
        var other = new ObjectKey("team-a", "backup");

        gauges.Key(key, "acme", Status(ready: true, Expiry));
        gauges.Key(other, "acme", Status(ready: false, expires: null));
        Assert.Equal(
            [
                "scim_key_expiration_timestamp_seconds{namespace=\"team-a\",name=\"entra\",tenant=\"acme\"} 1798761600",
                "scim_key_ready_status{namespace=\"team-a\",name=\"backup\",tenant=\"acme\"} 0",
                "scim_key_ready_status{namespace=\"team-a\",name=\"entra\",tenant=\"acme\"} 1",
            ],
            await SeriesAsync(metrics.Registry));

        gauges.Key(key, "globex", Status(ready: true, expires: null));
        Assert.Equal(
            [
                "scim_key_ready_status{namespace=\"team-a\",name=\"backup\",tenant=\"acme\"} 0",
                "scim_key_ready_status{namespace=\"team-a\",name=\"entra\",tenant=\"globex\"} 1",
            ],
            await SeriesAsync(metrics.Registry));

        gauges.KeyGone(key);
        gauges.KeyGone(key);
        Assert.Equal(
            ["scim_key_ready_status{namespace=\"team-a\",name=\"backup\",tenant=\"acme\"} 0"],
            await SeriesAsync(metrics.Registry));
    }

    private static ScimKeyStatus Status(bool ready, DateTime? expires) => new()
    {
        ExpiresAt = expires,
        Conditions =
        [
            new V1Condition { Type = "Ready", Status = ready ? "True" : "False", Reason = "Test", Message = "" },
        ],
    };

    private static async Task<string[]> SeriesAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray()).Split('\n')
            .Where(l => l.StartsWith("scim_key_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
