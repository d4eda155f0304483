using System.Net;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

public sealed class ManagementTests
{
    [Fact]
    public async Task Metrics_AfterRequest_CountsItWithLabels()
    {
        await using var server = await ScimServer.StartAsync(new Dictionary<string, string?> { ["Scim:Tenant"] = "acme" });
        await server.Client.GetAsync("Schemas");

        var metrics = await server.Management.GetStringAsync("metrics");

        Assert.Contains(
            "scim_requests_total{tenant=\"acme\",resource=\"Schemas\",operation=\"discovery\",status=\"200\"} 1",
            metrics, StringComparison.Ordinal);
        Assert.Contains("scim_request_duration_seconds_bucket{tenant=\"acme\",resource=\"Schemas\"", metrics, StringComparison.Ordinal);
        Assert.Contains("scim_keyset_keys{tenant=\"acme\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("scim_keyset_reloads_total{tenant=\"acme\",result=\"success\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AuthFailures_ExportEveryReasonFromTheStartAndCountRefusals()
    {
        await using var server = await ScimServer.StartAsync(new Dictionary<string, string?> { ["Scim:Tenant"] = "acme" });
        using var stranger = server.CreateClient("not-a-key");
        await stranger.GetAsync("Users");

        var metrics = await server.Management.GetStringAsync("metrics");

        Assert.Contains("scim_auth_failures_total{tenant=\"acme\",reason=\"unknown\"} 1", metrics, StringComparison.Ordinal);
        foreach (var reason in new[] { "missing", "malformed", "expired", "no_keys" })
        {
            Assert.Contains($"scim_auth_failures_total{{tenant=\"acme\",reason=\"{reason}\"}} 0", metrics, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("reason=\"none\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_UnknownRoute_CountedWithoutPathLabel()
    {
        await using var server = await ScimServer.StartAsync();
        await server.Client.GetAsync("Users/some-user-id/x");

        var metrics = await server.Management.GetStringAsync("metrics");

        Assert.Contains("resource=\"none\",operation=\"none\",status=\"404\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("some-user-id", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_Always_IsOk()
    {
        await using var server = await ScimServer.StartAsync(writeKeySet: false);

        var response = await server.Management.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_KeySetLoaded_IsOk()
    {
        await using var server = await ScimServer.StartAsync();

        var response = await server.Management.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ManagementPort_UnknownPath_Is404()
    {
        await using var server = await ScimServer.StartAsync();

        var response = await server.Management.GetAsync("nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
