using System.Globalization;
using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.ZitadelFaults;

/// <summary>
/// An Entra-like provisioning cycle while ZITADEL fails a fifth of its calls: no SCIM answer is a 500, every 503
/// carries Retry-After and a SCIM error, and after Entra's retries the directory equals a fault-free run's.
/// </summary>
public sealed class ZitadelFaultToleranceTests(ITestOutputHelper output)
{
    private const int WorkloadSeed = 4711;

    private const int FaultSeed = 20_250_611;

    private const double FaultPercent = 20;

    /// <summary>The fault-free run, once per test run (the workload is deterministic).</summary>
    private static readonly Lazy<Task<(ProvisionedState State, string Histogram, List<string> Violations)>> Reference =
        new(() => RunAsync(FaultMode.None));

    [Theory]
    [MemberData(nameof(FaultModes.Faulty), MemberType = typeof(FaultModes))]
    public async Task EntraWorkload_WithFaults_Never500AndConvergesToFaultFreeState(FaultMode mode)
    {
        var reference = await Reference.Value.WithTimeout(TestTimeouts.Phase);
        Assert.True(reference.Violations.Count == 0, "The fault-free run failed:\n" + string.Join("\n", reference.Violations));

        var (state, histogram, violations) = await RunAsync(mode, output).WithTimeout(TestTimeouts.Phase);
        output.WriteLine($"SCIM status histogram with {mode} at {FaultPercent} %:\n{histogram}");

        var problems = new List<string>(violations);
        problems.AddRange(state.Orphans.Select(o => $"Orphan: {o}"));
        Compare("SCIM user", reference.State.ScimUsers, state.ScimUsers, problems);
        Compare("SCIM group", reference.State.ScimGroups, state.ScimGroups, problems);
        Compare("ZITADEL user", reference.State.ZitadelUsers, state.ZitadelUsers, problems);
        Compare("ZITADEL role", reference.State.ZitadelRoles, state.ZitadelRoles, problems);
        Compare("ZITADEL authorization", reference.State.ZitadelAuthorizations, state.ZitadelAuthorizations, problems);
        Compare("ZITADEL IDP link", reference.State.ZitadelIdpLinks, state.ZitadelIdpLinks, problems);
        Compare("ZITADEL metadata", reference.State.ZitadelMetadata, state.ZitadelMetadata, problems);
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) with {mode}:\n" + string.Join("\n", problems));
    }

    /// <summary>Runs the workload on a fresh tenant with <paramref name="mode"/> armed, then reads the state back.</summary>
    private static async Task<(ProvisionedState State, string Histogram, List<string> Violations)> RunAsync(
        FaultMode mode, ITestOutputHelper? output = null)
    {
        await using var zitadel = await FaultyZitadel.StartAsync(
            mode == FaultMode.Timeout ? FaultyZitadel.ShortClientTimeout : null);
        var client = new EntraRetryClient(zitadel.Server.Client, zitadel.Arm(mode, FaultPercent, FaultSeed));
        await EntraWorkload.RunAsync(client, WorkloadSeed).WithTimeout(TestTimeouts.Phase);

        zitadel.Faults.Clear();
        var injected = zitadel.Tenant.Emulator.Requests.Entries
            .GroupBy(e => e.StatusCode)
            .OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{(g.Key == 0 ? "dropped" : g.Key.ToString(CultureInfo.InvariantCulture))} × {g.Count()}"));
        output?.WriteLine($"ZITADEL calls by status: {string.Join(", ", injected)}");

        var reader = new EntraRetryClient(zitadel.Server.Client);
        var state = await ProvisionedState.ReadAsync(reader, zitadel.Tenant).WithTimeout(TestTimeouts.Phase);
        return (state, client.Histogram(), [.. client.Violations, .. reader.Violations]);
    }

    private static void Compare(string what, IReadOnlyList<string> expected, IReadOnlyList<string> actual, List<string> problems)
    {
        problems.AddRange(expected.Except(actual, StringComparer.Ordinal).Select(line => $"{what} missing or different: {line}"));
        problems.AddRange(actual.Except(expected, StringComparer.Ordinal).Select(line => $"{what} unexpected: {line}"));
        if (expected.Count != actual.Count)
        {
            problems.Add($"{what}s: {actual.Count} instead of {expected.Count}");
        }
    }
}
