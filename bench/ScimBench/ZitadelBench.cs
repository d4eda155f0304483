using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Emulators.Zitadel;
using Emulators.Zitadel.Hosting;

namespace ScimBench;

/// <summary>
/// <c>--zitadel</c>: the Entra mix against the ZITADEL store, with the ZITADEL emulator running in this process at zero
/// injected latency and the endpoint as a child process pointing at it.
/// </summary>
/// <remarks>
/// Method for "added by the service": the emulator's own per-call latency is measured directly, with an
/// <see cref="HttpClient"/> sending Connect <c>GetUserByID</c> calls (as the endpoint sends them, with the SCIM
/// machine user's PAT) at the same concurrency for the same duration. For each SCIM operation, calls/op is the number
/// of requests the emulator logged during the measured phase divided by the SCIM requests of that phase, and the added
/// latency is SCIM p50 − calls/op × emulator p50 (p99 likewise). This assumes the calls of one SCIM request run one
/// after another and each costs what a GetUserByID costs; writes and ListUsers cost somewhat more in the emulator, so
/// the figure is an upper bound of the service's own share. Load generator, emulator and endpoint share the machine.
/// </remarks>
internal static class ZitadelBench
{
    private const string Method =
        "added ms = SCIM p50/p99 - calls/op x emulator GetUserByID p50/p99 (measured directly at the same concurrency; " +
        "calls assumed sequential)";

    /// <summary>Runs the mix and prints the table; returns the number of failed requests.</summary>
    public static async Task<long> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        await using var emulator = await ZitadelEmulator.StartAsync(null, cancellationToken);
        var tenant = DemoTenant.Seed(emulator);
        using var endpoint = await EndpointProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["Scim:Store"] = "Zitadel",
                ["Scim:Zitadel:Url"] = emulator.BaseUri.ToString(),
                ["Scim:Zitadel:OrganizationId"] = tenant.OrganizationId,
                ["Scim:Zitadel:ProjectId"] = tenant.ProjectId,
                ["Scim:Zitadel:IdpId"] = tenant.IdpId,
                ["Scim:Zitadel:PersonalAccessToken"] = tenant.ScimUser.Pat,
                ["Scim:Zitadel:IdentityConfinedToOrganization"] = "true",
            },
            cancellationToken);
        Console.WriteLine($"Store: ZITADEL emulator in the benchmark process at {emulator.BaseUri} (no injected latency)");
        using var http = Program.CreateClient(endpoint.Token, options.Connections);
        var seeder = new Seeder(http, endpoint.ScimBase, options.Connections);
        var users = await seeder.CreateUsersAsync(0, options.Users, cancellationToken);
        var groups = await seeder.CreateGroupsAsync(options.Groups, users, options.MembersPerGroup, cancellationToken);

        var emulatorCall = await MeasureEmulatorAsync(emulator, tenant, users, options, cancellationToken);
        var runner = new LoadRunner(http, options.Connections);
        var rows = new List<(LatencyStats Stats, double CallsPerOperation)>();
        foreach (var operation in BenchScenarios.EntraMix(endpoint.ScimBase, options, users, groups))
        {
            await runner.RunAsync(operation, options.WarmUp, cancellationToken);
            // Note: RunAsync returns only when every request of the warm-up has been answered, so the log now
            // holds exactly the calls of the measured phase.
            emulator.Requests.Clear();
            var stats = await runner.RunAsync(operation, options.Duration, cancellationToken);
            var calls = emulator.Requests.Entries.Count;
            rows.Add((stats, stats.Requests + stats.Errors == 0 ? 0 : (double)calls / (stats.Requests + stats.Errors)));
            Console.WriteLine($"Measured {operation.Name}");
        }

        Console.WriteLine($"Endpoint resident memory after the load: {endpoint.ResidentMiB:F0} MiB");
        Console.WriteLine();
        Console.Write(ResultTable.Format([emulatorCall]));
        Console.WriteLine();
        Console.Write(Format(rows, emulatorCall));
        Console.WriteLine(Method);
        return emulatorCall.Errors + rows.Sum(row => row.Stats.Errors);
    }

    /// <summary>The emulator's own latency per call: Connect GetUserByID over the seeded users, without the endpoint.</summary>
    private static async Task<LatencyStats> MeasureEmulatorAsync(
        ZitadelEmulator emulator, DemoTenant tenant, IReadOnlyList<string> userIds, BenchOptions options,
        CancellationToken cancellationToken)
    {
        using var http = Program.CreateClient(tenant.ScimUser.Pat, options.Connections);
        http.DefaultRequestHeaders.Add("x-zitadel-orgid", tenant.OrganizationId);
        var uri = new Uri(emulator.BaseUri, "zitadel.user.v2.UserService/GetUserByID");
        var bodies = userIds.Select(id => Encoding.UTF8.GetBytes($$"""{"userId":"{{id}}"}""")).ToArray();
        var operation = new BenchOperation("ZITADEL GetUserByID (emulator alone)", HttpStatusCode.OK, worker =>
        {
            var random = new Random(worker);
            return () => new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new ByteArrayContent(bodies[random.Next(bodies.Length)])
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
                },
            };
        });
        var runner = new LoadRunner(http, options.Connections);
        await runner.RunAsync(operation, options.WarmUp, cancellationToken);
        var stats = await runner.RunAsync(operation, options.Duration, cancellationToken);
        Console.WriteLine($"Measured {operation.Name}");
        return stats;
    }

    private static string Format(IEnumerable<(LatencyStats Stats, double CallsPerOperation)> rows, LatencyStats emulatorCall) =>
        ResultTable.Align(
            ["operation", "req/s", "p50 ms", "p99 ms", "errors", "ZITADEL calls/op", "added p50 ms", "added p99 ms"],
            rows.Select(row => new[]
            {
                row.Stats.Operation,
                ResultTable.Number(row.Stats.RequestsPerSecond, "F0"),
                ResultTable.Number(row.Stats.P50Ms, "F2"),
                ResultTable.Number(row.Stats.P99Ms, "F2"),
                ResultTable.Number(row.Stats.Errors, "N0"),
                ResultTable.Number(row.CallsPerOperation, "F2"),
                ResultTable.Number(row.Stats.P50Ms - (row.CallsPerOperation * emulatorCall.P50Ms), "F2"),
                ResultTable.Number(row.Stats.P99Ms - (row.CallsPerOperation * emulatorCall.P99Ms), "F2"),
            }));
}
