using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>Runs Entra's replay against a server, prints the verdict and fails on any failed step.</summary>
internal static class ReplayVerdict
{
    public static Task AssertAllPassAsync(ScimServer server, bool appendFeatureFlag, string label, ITestOutputHelper output) =>
        AssertAllPassAsync(new ScimTestClient(server.Client, server.ScimBaseUri), appendFeatureFlag, label, output);

    public static async Task AssertAllPassAsync(ScimTestClient client, bool appendFeatureFlag, string label, ITestOutputHelper output)
    {
        var steps = ReplayScript.Load();
        var runner = new ReplayRunner(client, appendFeatureFlag);

        var results = await runner.RunAsync(steps).WithTimeout(TestTimeouts.Phase);

        var failed = results.Where(result => !result.Passed).ToList();
        output.WriteLine($"{label}: {results.Count - failed.Count}/{steps.Count} steps passed");
        foreach (var failure in failed)
        {
            output.WriteLine($"  FAILED {failure}");
        }

        Assert.True(
            failed.Count == 0,
            $"{label}: {failed.Count} of {steps.Count} steps failed:\n{string.Join('\n', failed)}");
        Assert.Equal(36, results.Count);
    }
}
