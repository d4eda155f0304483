using System.Text.Json.Nodes;
using Emulators.Zitadel.Faults;
using ScimEndpoint.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScimEndpoint.IntegrationTests.ZitadelFaults;

/// <summary>
/// One fault on one ZITADEL call of a SCIM operation, for the cases a 20 % run reaches only by chance: the answer
/// is a success or a 503 with Retry-After (never 500 or 502), and Entra's retry ends in the intended state.
/// </summary>
public sealed class ZitadelPartialFailureTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(FaultMode.DropBeforeApply, 1)]
    [InlineData(FaultMode.DropAfterApply, 1)]
    [InlineData(FaultMode.Unavailable, FaultyZitadel.ClientAttempts)]
    public async Task CreateGroup_AddProjectRoleFails_Answers503AndRetryConverges(FaultMode mode, int count)
    {
        await using var zitadel = await FaultyZitadel.StartAsync();
        var client = new EntraRetryClient(zitadel.Server.Client);
        zitadel.Faults.FailNext(count, FaultyZitadel.Kind(mode), "AddProjectRole");

        var first = await client.SendOnceAsync(HttpMethod.Post, "Groups", EntraWorkload.Group("FZ Partial", new Random(1)));
        output.WriteLine(first.ToString());
        var id = await client.CreateGroupAsync("FZ Partial", EntraWorkload.Group("FZ Partial", new Random(1)), retrying: true);

        Assert.Null(EntraRetryClient.ServerErrorProblem(first));
        Assert.NotNull(id);
        Assert.Single(zitadel.Tenant.Emulator.State.ProjectRoles, r => r.DisplayName == "FZ Partial");
        Assert.Empty(client.Violations);
    }

    [Fact]
    public async Task PatchGroupRemoveMember_DeleteAuthorizationAnswerLost_AnswersSuccessOr503()
    {
        await using var zitadel = await FaultyZitadel.StartAsync();
        var client = new EntraRetryClient(zitadel.Server.Client);
        var (userId, groupId) = await UserInGroupAsync(client);
        zitadel.Faults.FailNext(1, FaultKind.DropAfterApply, "DeleteAuthorization");

        var first = await client.SendOnceAsync(HttpMethod.Patch, $"Groups/{groupId}", ScimRequests.Members("Remove", userId));
        output.WriteLine(first.ToString());
        await client.SendAsync(
            HttpMethod.Patch, $"Groups/{groupId}", ScimRequests.Members("Remove", userId), [204], retrying: true);

        Assert.True(first.Status == 204 || EntraRetryClient.ServerErrorProblem(first) is null, first.ToString());
        Assert.Empty(zitadel.Tenant.Emulator.State.Authorizations);
        Assert.Empty(client.Violations);
    }

    [Fact]
    public async Task DeleteGroup_RemoveProjectRoleAnswerLost_AnswersSuccessOr503()
    {
        await using var zitadel = await FaultyZitadel.StartAsync();
        var client = new EntraRetryClient(zitadel.Server.Client);
        var (_, groupId) = await UserInGroupAsync(client);
        zitadel.Faults.FailNext(1, FaultKind.DropAfterApply, "RemoveProjectRole");

        var first = await client.SendOnceAsync(HttpMethod.Delete, $"Groups/{groupId}", null);
        output.WriteLine(first.ToString());
        await client.DeleteAsync($"Groups/{groupId}", retrying: true);

        Assert.True(first.Status == 204 || EntraRetryClient.ServerErrorProblem(first) is null, first.ToString());
        Assert.Empty(zitadel.Tenant.Emulator.State.ProjectRoles);
        Assert.Empty(zitadel.Tenant.Emulator.State.Authorizations);
        Assert.Empty(client.Violations);
    }

    [Fact]
    public async Task DeleteUser_DeleteUserAnswerLost_AnswersSuccessOr503()
    {
        await using var zitadel = await FaultyZitadel.StartAsync();
        var client = new EntraRetryClient(zitadel.Server.Client);
        var (userId, _) = await UserInGroupAsync(client);
        zitadel.Faults.FailNext(1, FaultKind.DropAfterApply, "DeleteUser");

        // The user exists when the DELETE arrives: RFC 7644 §3.6 wants 204, and 503 would be honest; 404 is neither.
        var first = await client.SendOnceAsync(HttpMethod.Delete, $"Users/{userId}", null);
        output.WriteLine(first.ToString());

        Assert.True(first.Status == 204 || EntraRetryClient.ServerErrorProblem(first) is null, first.ToString());
        Assert.DoesNotContain(zitadel.Tenant.Emulator.State.Users, u => u.Id == userId);
        Assert.Empty(zitadel.Tenant.Emulator.State.Authorizations);
    }

    [Theory]
    [InlineData(FaultMode.Unavailable, FaultyZitadel.ClientAttempts)]
    [InlineData(FaultMode.DropBeforeApply, 1)]
    public async Task CreateDisabledUser_DeactivateFails_EntraRetryLeavesUserDisabled(FaultMode mode, int count)
    {
        await using var zitadel = await FaultyZitadel.StartAsync();
        var client = new EntraRetryClient(zitadel.Server.Client);
        var userName = EntraWorkload.UserName(7);
        var body = EntraWorkload.User(7, new Random(3)); // user 7 is created with active false
        Assert.False((bool)JsonNode.Parse(body)!["active"]!);
        zitadel.Faults.FailNext(count, FaultyZitadel.Kind(mode), "DeactivateUser");

        // Entra: POST; a 503 is retried; a 409 on the retry means "already created" and the id comes from a filter.
        var first = await client.SendOnceAsync(HttpMethod.Post, "Users", body);
        output.WriteLine(first.ToString());
        var id = await client.CreateUserAsync(userName, body, retrying: true);
        var read = await client.SendAsync(HttpMethod.Get, $"Users/{id}", null, [200]);
        output.WriteLine(read?.ToString());

        Assert.Null(EntraRetryClient.ServerErrorProblem(first));
        Assert.NotNull(id);
        Assert.False((bool?)JsonNode.Parse(read!.Body)?["active"], "Entra created a disabled user; it must not end up active.");
        Assert.Empty(client.Violations);
    }

    [Fact]
    public async Task CreateUser_CreateUserAnswerLost_EntraRetryFindsTheOneUser()
    {
        await using var zitadel = await FaultyZitadel.StartAsync();
        var client = new EntraRetryClient(zitadel.Server.Client);
        var userName = EntraWorkload.UserName(4);
        var body = EntraWorkload.User(4, new Random(3));
        zitadel.Faults.FailNext(1, FaultKind.DropAfterApply, "CreateUser");

        var first = await client.SendOnceAsync(HttpMethod.Post, "Users", body);
        output.WriteLine(first.ToString());
        var id = await client.CreateUserAsync(userName, body, retrying: true);

        Assert.Null(EntraRetryClient.ServerErrorProblem(first));
        Assert.NotNull(id);
        Assert.Single(zitadel.Tenant.Emulator.State.Users, u => u.UserName == userName);
        Assert.Single(zitadel.Tenant.Emulator.State.IdpLinks, l => l.UserId == id);
        Assert.Empty(client.Violations);
    }

    /// <summary>A user and a group holding it, created without faults.</summary>
    private static async Task<(string UserId, string GroupId)> UserInGroupAsync(EntraRetryClient client)
    {
        var random = new Random(5);
        var userId = await client.CreateUserAsync(EntraWorkload.UserName(0), EntraWorkload.User(0, random));
        var groupId = await client.CreateGroupAsync("FZ Members", EntraWorkload.Group("FZ Members", random));
        Assert.NotNull(userId);
        Assert.NotNull(groupId);
        var added = await client.PatchAsync($"Groups/{groupId}", ScimRequests.Members("Add", userId));
        Assert.Equal(204, added?.Status);
        Assert.Empty(client.Violations);
        return (userId, groupId);
    }
}
