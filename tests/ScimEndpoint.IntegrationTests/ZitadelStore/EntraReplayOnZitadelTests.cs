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
        await ReplayVerdict.AssertAllPassAsync(server, featureFlag, $"Entra replay on ZITADEL (flag {featureFlag})", output);

        // The replay deletes what it creates: no SCIM user, role or grant is left behind in ZITADEL.
        Assert.DoesNotContain(tenant.Emulator.State.Users, u => u.UserName.StartsWith("Test_", StringComparison.Ordinal));
        Assert.Empty(tenant.Emulator.State.Authorizations);
        Assert.Empty(tenant.Emulator.State.IdpLinks);
    }
}
