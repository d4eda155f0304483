using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Concurrency;

/// <summary>
/// One Entra-like client: creates its users and group, PATCHes the users, adds them to the shared and its own group
/// (single and multi-member), removes some (value-array and <c>members[value eq]</c> forms) and deletes one.
/// </summary>
internal sealed class ProvisioningClient(ScimTestClient client, ResponseLog log, int number, string sharedGroupId)
{
    public async Task<ClientResult> RunAsync(IReadOnlyList<StartGate> gates, int userCount)
    {
        await gates[0].ArriveAndWaitAsync();
        var own = ConcurrentProvisioningTests.Id(await SendAsync("POST", "/Groups", ScimRequests.Group($"own-{number}"), 201));
        var users = new string[userCount];
        for (var i = 0; i < userCount; i++)
        {
            users[i] = ConcurrentProvisioningTests.Id(
                await SendAsync("POST", "/Users", ScimRequests.User($"c{number}.u{i}@example.com"), 201));
        }

        await gates[1].ArriveAndWaitAsync();
        var email = $"changed.c{number}@example.com";
        await SendAsync("PATCH", $"/Users/{users[0]}", ScimRequests.Patch(("Replace", "active", "False")), 200);
        await SendAsync("PATCH", $"/Groups/{sharedGroupId}", ScimRequests.Members("Add", users[0]), 204);
        await SendAsync("PATCH", $"/Users/{users[1]}", ScimRequests.Patch(("Replace", "emails[type eq \"work\"].value", email)), 200);
        await SendAsync("PATCH", $"/Groups/{sharedGroupId}", ScimRequests.Members("Add", users[1], users[2], users[3]), 204);
        await SendAsync("PATCH", $"/Groups/{own}", ScimRequests.Members("Add", users), 204);
        await SendAsync(
            "PATCH",
            $"/Users/{users[2]}",
            ScimRequests.Patch(("Replace", "name.familyName", "Changed"), ("Add", "nickName", "Nick")),
            200);
        await SendAsync("PATCH", $"/Groups/{sharedGroupId}", ScimRequests.Members("Add", users[4]), 204);
        await SendAsync(
            "PATCH",
            $"/Users/{users[3]}",
            ScimRequests.Patch(("replace", null, new JsonObject { ["displayName"] = "Flagged", ["name.givenName"] = "G" })),
            200);
        await SendAsync("PATCH", $"/Groups/{sharedGroupId}", ScimRequests.Members("Add", users[5]), 204);

        await gates[2].ArriveAndWaitAsync();
        await SendAsync("PATCH", $"/Groups/{sharedGroupId}", ScimRequests.Members("Remove", users[1]), 204);
        await SendAsync("PATCH", $"/Groups/{own}", ScimRequests.RemoveMemberByFilter(users[4]), 204);
        await SendAsync("PATCH", $"/Groups/{sharedGroupId}", ScimRequests.RemoveMemberByFilter(users[2]), 204);
        await SendAsync("PATCH", $"/Groups/{own}", ScimRequests.Members("Remove", users[3]), 204);
        await SendAsync("DELETE", $"/Users/{users[5]}", null, 204);

        return new ClientResult(
            own,
            ExpectedInShared: [users[0], users[3], users[4]],
            ExpectedInOwn: [users[0], users[1], users[2]],
            DisabledUserId: users[0],
            EmailChangedUserId: users[1],
            ChangedEmail: email,
            DeletedUserId: users[5]);
    }

    private async Task<ScimResponse> SendAsync(string method, string path, string? body, int expected) =>
        log.Expect($"client {number}: {method} {path} {body}", await client.SendAsync(new HttpMethod(method), path, body), expected);
}
