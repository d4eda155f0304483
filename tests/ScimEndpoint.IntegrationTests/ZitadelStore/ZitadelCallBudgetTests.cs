using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>
/// How many ZITADEL calls each SCIM operation costs through the whole service, against the issue's budget. The
/// counts are printed; the assertions hold the issue's budget (docs/zitadel-mapping.md). Member changes take k + 1
/// with the default single-replica coordination; the cross-replica lock adds two calls per member.
/// </summary>
public sealed class ZitadelCallBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ScimOperations_StayWithinTheZitadelCallBudget()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { IdentityConfinedToOrganization = true });
        await using var server = await ScimServer.StartAsync(tenant.EndpointSettings() is var settings
            ? new Dictionary<string, string?>(settings) { ["Scim:Zitadel:IdentityConfinedToOrganization"] = "true" }
            : null).WithTimeout(TestTimeouts.Phase);
        var members = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            members.Add(Id(await SendAsync(server, HttpMethod.Post, "Users", $$"""{"userName":"m{{i}}@contoso.com"}""")));
        }

        var group = Id(await SendAsync(server, HttpMethod.Post, "Groups", """{"displayName":"Budget"}"""));
        var rows = new List<(string Operation, int Calls, int Budget, int IssueBudget)>();

        async Task<HttpResponseMessage> Measure(string operation, int budget, Func<Task<HttpResponseMessage>> request, int? issueBudget = null)
        {
            tenant.ResetCalls();
            var response = await request();
            rows.Add((operation, tenant.Calls(), budget, issueBudget ?? budget));
            return response;
        }

        var created = await Measure("create user", 2, () => SendAsync(server, HttpMethod.Post, "Users",
            """{"userName":"budget@contoso.com","externalId":"e-1","emails":[{"value":"budget@contoso.com","type":"work","primary":true}]}"""));
        var id = Id(created);
        await Measure("GET user", 2, () => server.Client.GetAsync($"Users/{id}"));
        await Measure("filter by userName", 2, () => server.Client.GetAsync("Users?filter=userName+eq+%22budget%40contoso.com%22"));
        await Measure("PATCH user", 3, () => SendAsync(server, HttpMethod.Patch, $"Users/{id}",
            """{"Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"b2@contoso.com"},{"op":"Replace","path":"title","value":"CTO"}]}"""));
        var memberValues = string.Join(",", members.Select(m => $$"""{"value":"{{m}}"}"""));
        await Measure("add 3 members", 3 + 1, () => SendAsync(server, HttpMethod.Patch, $"Groups/{group}",
            $$"""{"Operations":[{"op":"Add","path":"members","value":[{{memberValues}}]}]}"""));
        await Measure("remove 3 members", 3 + 1, () => SendAsync(server, HttpMethod.Patch, $"Groups/{group}",
            $$"""{"Operations":[{"op":"Remove","path":"members","value":[{{memberValues}}]}]}"""));
        await Measure("DELETE user", 1, () => server.Client.DeleteAsync($"Users/{id}"));

        foreach (var (operation, calls, budget, issueBudget) in rows)
        {
            output.WriteLine($"{operation,-20} {calls} ZITADEL calls (held to {budget}; issue budget {issueBudget})");
        }

        Assert.All(rows, row => Assert.True(row.Calls <= row.Budget, $"{row.Operation}: {row.Calls} calls, held to {row.Budget}"));
    }

    [Fact]
    public async Task MemberChanges_WithTheCrossReplicaLock_CostTwoCallsMorePerMemberAndOneRead()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        await using var server = await ScimServer.StartAsync(
            new Dictionary<string, string?>(tenant.EndpointSettings()) { ["Scim:Zitadel:MembershipCoordination"] = "ProjectRoleLock" })
            .WithTimeout(TestTimeouts.Phase);
        var members = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            members.Add(Id(await SendAsync(server, HttpMethod.Post, "Users", $$"""{"userName":"l{{i}}@contoso.com"}""")));
        }

        var group = Id(await SendAsync(server, HttpMethod.Post, "Groups", """{"displayName":"Locked"}"""));
        var memberValues = string.Join(",", members.Select(m => $$"""{"value":"{{m}}"}"""));
        var counts = new List<(string Operation, int Calls)>();
        foreach (var op in new[] { "Add", "Remove" })
        {
            tenant.ResetCalls();
            await SendAsync(server, HttpMethod.Patch, $"Groups/{group}",
                $$"""{"Operations":[{"op":"{{op}}","path":"members","value":[{{memberValues}}]}]}""");
            counts.Add(($"{op.ToLowerInvariant()} 3 members", tenant.Calls()));
            Assert.Equal(3, tenant.Calls("AddProjectRole"));
            Assert.Equal(3, tenant.Calls("RemoveProjectRole"));
        }

        foreach (var (operation, calls) in counts)
        {
            output.WriteLine($"{operation,-20} {calls} ZITADEL calls with ProjectRoleLock (k + 1, + 2k lock calls, + 1 visibility read = {3 + 1 + 6 + 1})");
        }

        Assert.All(counts, row => Assert.Equal(3 + 1 + (2 * 3) + 1, row.Calls));
        Assert.DoesNotContain(tenant.Emulator.State.ProjectRoles, r => r.Key.StartsWith("scimlock.", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendAsync(ScimServer server, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/scim+json") };
        var response = await server.Client.SendAsync(request).WithTimeout(TestTimeouts.Phase);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent,
            $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static string Id(HttpResponseMessage response) =>
        (string)JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!["id"]!;
}
