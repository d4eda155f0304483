using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.ZitadelFaults;

/// <summary>
/// ZITADEL failing every call: each SCIM operation answers 503 with Retry-After and a SCIM error, changes nothing,
/// and the management port's <c>/readyz</c> and <c>/healthz</c> (and discovery) stay up, since they do not depend
/// on ZITADEL.
/// </summary>
public sealed class ZitadelOutageTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(FaultModes.Faulty), MemberType = typeof(FaultModes))]
    public async Task Outage_EveryOperation_Answers503WithRetryAfterAndReadyzStaysReady(FaultMode mode)
    {
        await using var zitadel = await FaultyZitadel.StartAsync(
            mode == FaultMode.Timeout ? FaultyZitadel.ShortClientTimeout : null);
        var client = new EntraRetryClient(zitadel.Server.Client);
        var random = new Random(17);
        var userId = await client.CreateUserAsync(EntraWorkload.UserName(0), EntraWorkload.User(0, random));
        var memberId = await client.CreateUserAsync(EntraWorkload.UserName(1), EntraWorkload.User(1, random));
        var groupId = await client.CreateGroupAsync("FZ Outage", EntraWorkload.Group("FZ Outage", random));
        Assert.NotNull(userId);
        Assert.NotNull(memberId);
        Assert.NotNull(groupId);
        var added = await client.PatchAsync($"Groups/{groupId}", ScimRequests.Members("Add", userId));
        Assert.Equal(204, added?.Status);
        Assert.Empty(client.Violations);
        var before = await SnapshotAsync(client, userId, groupId);

        // Every call fails: 100 % of calls, or for Timeout every call slower than the client waits.
        if (mode == FaultMode.Timeout)
        {
            zitadel.Faults.SetLatency(FaultyZitadel.SlowCall);
        }
        else
        {
            zitadel.Arm(mode, 100, seed: 1);
        }

        (HttpMethod Method, string Path, string? Body)[] requests =
        [
            (HttpMethod.Get, $"Users/{userId}", null),
            (HttpMethod.Get, $"Users?filter={Uri.EscapeDataString($"userName eq \"{EntraWorkload.UserName(0)}\"")}", null),
            (HttpMethod.Get, "Users?startIndex=1&count=10", null),
            (HttpMethod.Post, "Users", EntraWorkload.User(2, random)),
            (HttpMethod.Patch, $"Users/{userId}", ScimRequests.Patch(("Replace", "displayName", "During outage"))),
            (HttpMethod.Patch, $"Users/{userId}", ScimRequests.Patch(("Replace", "active", "False"))),
            (HttpMethod.Delete, $"Users/{userId}", null),
            (HttpMethod.Get, $"Groups/{groupId}", null),
            (HttpMethod.Get, $"Groups?filter={Uri.EscapeDataString("displayName eq \"FZ Outage\"")}&excludedAttributes=members", null),
            (HttpMethod.Get, "Groups", null),
            (HttpMethod.Post, "Groups", EntraWorkload.Group("FZ During Outage", random)),
            (HttpMethod.Patch, $"Groups/{groupId}", ScimRequests.Members("Add", memberId)),
            (HttpMethod.Patch, $"Groups/{groupId}", ScimRequests.Members("Remove", userId)),
            (HttpMethod.Patch, $"Groups/{groupId}", ScimRequests.Patch(("Replace", "displayName", "FZ Renamed"))),
            (HttpMethod.Delete, $"Groups/{groupId}", null),
        ];
        var problems = new List<string>();
        foreach (var (method, path, body) in requests)
        {
            var exchange = await client.SendOnceAsync(method, path, body);
            output.WriteLine(exchange.ToString());
            if (EntraRetryClient.ServerErrorProblem(exchange) is { } problem)
            {
                problems.Add($"{problem}: {exchange}");
            }
        }

        // Not behind ZITADEL: management and discovery answer as usual.
        using var timeout = new CancellationTokenSource(TestTimeouts.Request);
        using var ready = await zitadel.Server.Management.GetAsync(new Uri("readyz", UriKind.Relative), timeout.Token);
        using var healthy = await zitadel.Server.Management.GetAsync(new Uri("healthz", UriKind.Relative), timeout.Token);
        var discovery = await client.SendOnceAsync(HttpMethod.Get, "ServiceProviderConfig", null);
        output.WriteLine($"/readyz → {(int)ready.StatusCode}, /healthz → {(int)healthy.StatusCode}, ServiceProviderConfig → {discovery.Status}");

        zitadel.Faults.Clear();
        var after = await SnapshotAsync(client, userId, groupId);
        var created = await client.FindIdAsync("Users", "userName", EntraWorkload.UserName(2));
        var createdGroup = await client.FindIdAsync("Groups", "displayName", "FZ During Outage");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal(200, (int)healthy.StatusCode);
        Assert.Equal(200, discovery.Status);
        if (mode != FaultMode.DropAfterApply)
        {
            // Nothing was applied, so nothing changed.
            Assert.Equal(before, after);
            Assert.Null(created);
            Assert.Null(createdGroup);
        }

        Assert.Empty(client.Violations);
    }

    /// <summary>The user and the group as SCIM reads them, meta included.</summary>
    private static async Task<string> SnapshotAsync(EntraRetryClient client, string? userId, string? groupId)
    {
        var user = await client.SendAsync(HttpMethod.Get, $"Users/{userId}", null, [200, 404]);
        var group = await client.SendAsync(HttpMethod.Get, $"Groups/{groupId}", null, [200, 404]);
        return $"{user?.Status} {JsonNode.Parse(user?.Body ?? "null")?.ToJsonString()}\n"
            + $"{group?.Status} {JsonNode.Parse(group?.Body ?? "null")?.ToJsonString()}";
    }
}
