using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.IntegrationTests.Replay;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>Entra's documented sequence against the SCIM service with the ZITADEL store behind it.</summary>
public sealed class EntraReplayOnZitadelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Replay_WithZitadelStore_PassesAndLeavesZitadelClean(bool featureFlag)
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        await using var server = await ScimServer.StartAsync(tenant.EndpointSettings()).WithTimeout(TestTimeouts.Phase);
        var steps = ReplayScript.Load();
        var runner = new ReplayRunner(new ScimTestClient(server.Client, server.ScimBaseUri), featureFlag);

        var results = await runner.RunAsync(steps).WithTimeout(TestTimeouts.Phase);

        var failed = results.Where(result => !result.Passed).ToList();
        output.WriteLine($"Entra replay on ZITADEL (flag {featureFlag}): {results.Count - failed.Count}/{steps.Count} steps passed");
        foreach (var failure in failed)
        {
            output.WriteLine($"  FAILED {failure}");
        }

        Assert.True(failed.Count == 0, $"{failed.Count} of {steps.Count} steps failed:\n{string.Join('\n', failed)}");
        // The replay deletes what it creates: no SCIM user, role or grant is left behind in ZITADEL.
        Assert.DoesNotContain(tenant.Emulator.State.Users, u => u.UserName.StartsWith("Test_", StringComparison.Ordinal));
        Assert.Empty(tenant.Emulator.State.Authorizations);
        Assert.Empty(tenant.Emulator.State.IdpLinks);
    }
}
