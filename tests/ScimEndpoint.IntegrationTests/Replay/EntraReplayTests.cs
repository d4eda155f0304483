using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>Replays Entra's documented request sequence over real HTTP and checks every step.</summary>
public sealed class EntraReplayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Replay_AllSteps_Pass()
    {
        await using var server = await ScimServer.StartAsync().WithTimeout(TestTimeouts.Phase);

        await ReplayAndAssertAsync(server, appendFeatureFlag: false, "Entra replay");
    }

    [Fact]
    public async Task Replay_WithFeatureFlagInTenantUrl_Passes()
    {
        await using var server = await ScimServer.StartAsync().WithTimeout(TestTimeouts.Phase);

        await ReplayAndAssertAsync(server, appendFeatureFlag: true, "Entra replay with ?aadOptscim062020");
    }

    [Fact]
    public async Task Replay_AgainOnSameAndFreshServer_IsRepeatable()
    {
        await using (var server = await ScimServer.StartAsync().WithTimeout(TestTimeouts.Phase))
        {
            // The steps delete what they create, so the same names can be provisioned again.
            await ReplayAndAssertAsync(server, appendFeatureFlag: false, "Entra replay, first run");
            await ReplayAndAssertAsync(server, appendFeatureFlag: false, "Entra replay, second run on the same server");
        }

        await using var fresh = await ScimServer.StartAsync().WithTimeout(TestTimeouts.Phase);
        await ReplayAndAssertAsync(fresh, appendFeatureFlag: false, "Entra replay, fresh server");
    }

    private Task ReplayAndAssertAsync(ScimServer server, bool appendFeatureFlag, string label) =>
        ReplayVerdict.AssertAllPassAsync(server, appendFeatureFlag, label, output);
}
