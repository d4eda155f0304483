using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.Concurrency;

/// <summary>
/// 32 Entra-like clients against one server at once: creates, user PATCHes, member adds and removes on one shared
/// group and on their own groups, and deletes, phase by phase behind a gate so the requests really overlap.
/// </summary>
public sealed class ConcurrentProvisioningTests(ITestOutputHelper output) : ScimServerTest
{
    private const int Clients = 32;
    private const int UsersPerClient = 6;

    [Fact]
    public async Task Provisioning_32OverlappingClients_LosesNoUpdate()
    {
        var client = new ScimTestClient(Server.Client, Server.ScimBaseUri);
        var log = new ResponseLog();
        var shared = Id(log.Expect("POST shared group", await client.PostAsync("/Groups", ScimRequests.Group("shared")), 201));
        StartGate[] gates = [new(Clients), new(Clients), new(Clients)];

        var results = await Task.WhenAll(Enumerable.Range(0, Clients)
                .Select(c => Task.Run(() => new ProvisioningClient(client, log, c, shared).RunAsync(gates, UsersPerClient))))
            .WithTimeout(TestTimeouts.Phase);

        output.WriteLine($"Statuses: {log.Histogram}");
        Assert.Equal(0, log.ServerErrors);
        Assert.True(log.Unexpected.Count == 0, string.Join('\n', log.Unexpected.Take(20)));

        var expectedShared = results.SelectMany(r => r.ExpectedInShared).ToHashSet();
        Assert.Equal(Clients * 3, expectedShared.Count);
        Assert.Equal(expectedShared, await MembersAsync(client, shared));
        foreach (var result in results)
        {
            Assert.Equal(result.ExpectedInOwn.ToHashSet(), await MembersAsync(client, result.OwnGroupId));
            var disabled = (await client.GetAsync($"/Users/{result.DisabledUserId}")).Json;
            Assert.Equal(false, (bool?)disabled?["active"]);
            var emailed = (await client.GetAsync($"/Users/{result.EmailChangedUserId}")).Json;
            Assert.Equal(result.ChangedEmail, (string?)emailed?["emails"]?[0]?["value"]);
            Assert.Equal(404, (await client.GetAsync($"/Users/{result.DeletedUserId}")).StatusCode);
        }
    }

    [Fact]
    public async Task CreateUser_SameUserNameFrom32Clients_CreatesOneAndRejectsTheRest()
    {
        var client = new ScimTestClient(Server.Client, Server.ScimBaseUri);
        var gate = new StartGate(Clients);
        var body = ScimRequests.User("race@example.com");

        var responses = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            await gate.ArriveAndWaitAsync();
            return await client.PostAsync("/Users", body);
        }))).WithTimeout(TestTimeouts.Phase);

        output.WriteLine(string.Join(", ", responses.GroupBy(r => r.StatusCode).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.Single(responses, r => r.StatusCode == 201);
        var conflicts = responses.Where(r => r.StatusCode != 201).ToList();
        Assert.All(conflicts, r => Assert.Equal((409, "uniqueness"), (r.StatusCode, r.ScimType)));
        Assert.Equal(Clients - 1, conflicts.Count);
        var found = (await client.GetAsync("/Users?filter=userName%20eq%20%22race@example.com%22")).Json;
        Assert.Equal(1, (int?)found?["totalResults"]);
    }

    internal static string Id(ScimResponse response) =>
        (string?)response.Json?["id"] ?? throw new InvalidOperationException($"No id in {response}");

    private static async Task<HashSet<string>> MembersAsync(ScimTestClient client, string groupId)
    {
        var group = await client.GetAsync($"/Groups/{groupId}");
        Assert.Equal(200, group.StatusCode);
        return (group.Json?["members"] as JsonArray ?? []).Select(member => (string)member!["value"]!).ToHashSet();
    }
}
