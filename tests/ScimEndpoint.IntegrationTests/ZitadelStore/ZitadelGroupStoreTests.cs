using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage.Zitadel;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

public sealed class ZitadelGroupStoreTests
{
    [Fact]
    public async Task Create_Group_IsAProjectRoleWithTheExternalIdAndRoundTrips()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var groups = tenant.Groups();

        var created = await groups.CreateAsync(Group("{'displayName':'Finance Team','externalId':'8aa1a0c0'}"), CancellationToken.None);
        var read = await groups.GetAsync((string)created["id"]!, CancellationToken.None);

        Assert.Equal("scim.finance-team", (string?)created["id"]);
        var role = Assert.Single(tenant.Emulator.State.ProjectRoles, r => r.Key == "scim.finance-team");
        Assert.Equal("Finance Team", role.DisplayName);
        Assert.Equal("Finance Team", (string?)read!["displayName"]);
        Assert.Equal("8aa1a0c0", (string?)read["externalId"]);
        Assert.Null(read["members"]);
    }

    [Fact]
    public async Task Create_SameDisplayNameInOtherCase_IsUniqueness409()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var groups = tenant.Groups();
        await groups.CreateAsync(Group("{'displayName':'Finance'}"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ScimException>(() => groups.CreateAsync(Group("{'displayName':'FINANCE'}"), CancellationToken.None));

        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task Create_NameOfARenamedGroupsSlug_GetsASuffixedKey()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var groups = tenant.Groups();
        var first = await groups.CreateAsync(Group("{'displayName':'Ops'}"), CancellationToken.None);
        var renamed = (JsonObject)first.DeepClone();
        renamed["displayName"] = "Platform";
        await groups.ReplaceAsync(first, renamed, CancellationToken.None);

        var second = await groups.CreateAsync(Group("{'displayName':'Ops'}"), CancellationToken.None);

        Assert.StartsWith("scim.ops.", (string?)second["id"], StringComparison.Ordinal);
        Assert.Equal("Platform", (string?)(await groups.GetAsync("scim.ops", CancellationToken.None))!["displayName"]);
    }

    [Fact]
    public async Task AddAndRemoveMembers_BecomeAuthorizationsWithKPlusOneCalls()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 3);
        var groups = tenant.Groups();
        var group = await groups.CreateAsync(Group("{'displayName':'Engineers'}"), CancellationToken.None);
        var withMembers = WithMembers(group, users);
        tenant.ResetCalls();

        // k = 3 new members, known tenant users (created here): read their authorizations, one write each (+ the read-back).
        var updated = await groups.ReplaceAsync(group, withMembers, CancellationToken.None);
        var addCalls = tenant.Calls() - 2;
        var fewer = WithMembers(updated, users.Take(1));
        tenant.ResetCalls();
        var afterRemove = await groups.ReplaceAsync(updated, fewer, CancellationToken.None);
        var removeCalls = tenant.Calls() - 2;

        Assert.Equal(3 + 1, addCalls);
        Assert.Equal(2 + 1, removeCalls);
        Assert.Equal(0, tenant.Calls("ListUsers"));
        Assert.Equal([users[0]], ((JsonArray)afterRemove["members"]!).Select(m => (string)m!["value"]!));
        var grant = Assert.Single(tenant.Emulator.State.Authorizations);
        Assert.Equal(users[0], grant.UserId);
    }

    [Fact]
    public async Task AddMembers_NotYetSeenByThisProcess_AreCheckedInOneListUsersCall()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 2);
        // A fresh process (or another replica) has not seen these users.
        var groups = new ZitadelGroupStore(tenant.Client, tenant.Options, new ProjectAuthorizations(tenant.Client, tenant.Options));
        var group = await groups.CreateAsync(Group("{'displayName':'Fresh'}"), CancellationToken.None);
        tenant.ResetCalls();

        Assert.True(await groups.ChangeMembersAsync((string)group["id"]!, users, [], CancellationToken.None));

        Assert.Equal(2 + 2, tenant.Calls());
        Assert.Equal(1, tenant.Calls("ListUsers"));
        Assert.Equal(2, tenant.Emulator.State.Authorizations.Count);
    }

    [Fact]
    public async Task ChangeMembers_OfAMissingGroup_IsFalseAndWritesNothing()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 2);
        var groups = tenant.Groups();
        var kept = await groups.CreateAsync(Group($"{{'displayName':'Kept','members':[{{'value':'{users[1]}'}}]}}"), CancellationToken.None);

        Assert.False(await groups.ChangeMembersAsync("scim.gone", users, [], CancellationToken.None));
        Assert.False(await groups.ChangeMembersAsync("scim.gone", [], users, CancellationToken.None));
        Assert.False(await groups.ChangeMembersAsync("scim.gone", [], [], CancellationToken.None));

        var grant = Assert.Single(tenant.Emulator.State.Authorizations);
        Assert.Equal([(string)kept["id"]!], grant.RoleKeys);
    }

    [Fact]
    public async Task ChangeMembers_WithNothingToWrite_StillConfirmsTheGroupWithinKPlusOne()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 1);
        var groups = tenant.Groups();
        var group = await groups.CreateAsync(Group($"{{'displayName':'Same','members':[{{'value':'{users[0]}'}}]}}"), CancellationToken.None);
        var other = await groups.CreateAsync(Group("{'displayName':'Other'}"), CancellationToken.None);
        tenant.ResetCalls();

        Assert.True(await groups.ChangeMembersAsync((string)group["id"]!, users, [], CancellationToken.None));
        Assert.True(await groups.ChangeMembersAsync((string)other["id"]!, [], users, CancellationToken.None));

        // Already a member: the listing shows the role (1 call). Not a member of Other: the role is looked up (2).
        Assert.Equal(1 + 2, tenant.Calls());
    }

    [Fact]
    public async Task AddMembers_OneDeletedSinceSeen_IsInvalidValueAndUndoesTheOthers()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 3);
        var groups = tenant.Groups();
        var group = await groups.CreateAsync(Group("{'displayName':'Atomic'}"), CancellationToken.None);
        await groups.ChangeMembersAsync((string)group["id"]!, [users[1]], [], CancellationToken.None);
        var other = await groups.CreateAsync(Group($"{{'displayName':'Other','members':[{{'value':'{users[0]}'}}]}}"), CancellationToken.None);
        // Deleted behind the store's back (in the ZITADEL console, or by another replica): still in its cache.
        await tenant.Client.Users.DeleteUserAsync(users[2], CancellationToken.None);

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            groups.ChangeMembersAsync((string)group["id"]!, [users[0], users[2]], [users[1]], CancellationToken.None));

        Assert.Equal("invalidValue", error.ScimType);
        var grants = tenant.Emulator.State.Authorizations.ToDictionary(a => a.UserId, a => a.RoleKeys);
        Assert.Equal([(string)other["id"]!], grants[users[0]]);
        Assert.Equal([(string)group["id"]!], grants[users[1]]);
        Assert.Equal(2, grants.Count);
    }

    [Fact]
    public async Task Members_OfTwoGroups_ShareOneAuthorizationWithBothRoles()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 1);
        var groups = tenant.Groups();
        var a = await groups.CreateAsync(Group($"{{'displayName':'A','members':[{{'value':'{users[0]}'}}]}}"), CancellationToken.None);
        var b = await groups.CreateAsync(Group($"{{'displayName':'B','members':[{{'value':'{users[0]}'}}]}}"), CancellationToken.None);

        var grant = Assert.Single(tenant.Emulator.State.Authorizations);
        Assert.Equal(["scim.a", "scim.b"], grant.RoleKeys.Order(StringComparer.Ordinal));

        await groups.DeleteAsync((string)a["id"]!, CancellationToken.None);
        var remaining = await groups.GetAsync((string)b["id"]!, CancellationToken.None);

        Assert.Equal(["scim.b"], Assert.Single(tenant.Emulator.State.Authorizations).RoleKeys);
        Assert.Equal(users[0], (string?)remaining!["members"]![0]!["value"]);
    }

    [Fact]
    public async Task Members_ConcurrentAddsToDifferentGroupsForOneUser_LoseNothing()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 1);
        var groups = tenant.Groups();
        var created = new List<JsonObject>();
        for (var i = 0; i < 8; i++)
        {
            created.Add(await groups.CreateAsync(Group($"{{'displayName':'G{i}'}}"), CancellationToken.None));
        }

        await Task.WhenAll(created.Select(g => groups.ReplaceAsync(g, WithMembers(g, users), CancellationToken.None)));

        var grant = Assert.Single(tenant.Emulator.State.Authorizations);
        Assert.Equal(created.Select(g => (string)g["id"]!).Order(StringComparer.Ordinal), grant.RoleKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddMember_FromAnotherOrganisation_IsInvalidValueAndGrantsNothing()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var other = tenant.Emulator.CreateOrganization("Other");
        var stranger = tenant.Emulator.CreateMachineUser("stranger", other);
        var groups = tenant.Groups();
        var group = await groups.CreateAsync(Group("{'displayName':'Admins'}"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            groups.ReplaceAsync(group, WithMembers(group, [stranger.UserId]), CancellationToken.None));

        Assert.Equal("invalidValue", error.ScimType);
        Assert.Empty(tenant.Emulator.State.Authorizations);
    }

    [Fact]
    public async Task Get_GroupWithMoreMembersThanOneZitadelPage_PagesThroughAll()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var groups = tenant.Groups();
        var group = (string)(await groups.CreateAsync(Group("{'displayName':'Everyone'}"), CancellationToken.None))["id"]!;
        // ZITADEL lists at most 1,000 per call (§11.2); the emulator refuses more, so a second page must be read.
        var members = Enumerable.Range(0, 1001)
            .Select(i => tenant.Emulator.CreateHumanUser($"e{i}@contoso.com", tenant.OrganizationId))
            .ToList();
        foreach (var member in members)
        {
            tenant.Emulator.Authorize(member, tenant.Options.ProjectId!, tenant.OrganizationId, group);
        }

        tenant.ResetCalls();

        var read = await groups.GetAsync(group, CancellationToken.None);

        var listed = read!["members"]!.AsArray().Select(m => (string)m!["value"]!).ToList();
        Assert.Equal(members.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(2, tenant.Calls("ListAuthorizations"));
    }

    [Fact]
    public async Task AddMembers_MoreUnseenThanOneZitadelPage_AreCheckedPageByPage()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = Enumerable.Range(0, 1001)
            .Select(i => tenant.Emulator.CreateHumanUser($"n{i}@contoso.com", tenant.OrganizationId))
            .ToList();
        var groups = tenant.Groups();
        var group = (string)(await groups.CreateAsync(Group("{'displayName':'Newcomers'}"), CancellationToken.None))["id"]!;
        tenant.ResetCalls();

        Assert.True(await groups.ChangeMembersAsync(group, users, [], CancellationToken.None));

        Assert.Equal(2, tenant.Calls("ListUsers"));
        Assert.Equal(1001, tenant.Emulator.State.Authorizations.Count(a => a.RoleKeys.Contains(group)));
    }

    [Fact]
    public async Task Endpoint_WithoutProjectId_RefusesToStartInsteadOfFailingEveryGroupRequest()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var settings = tenant.EndpointSettings();
        settings.Remove("Scim:Zitadel:ProjectId");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ScimServer.StartAsync(settings).WithTimeout(TestTimeouts.Phase));

        Assert.Contains("Scim:Zitadel:ProjectId is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_DisplayNameEq_FindsTheGroupIgnoringCaseInOneCallWithoutMembers()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var groups = tenant.Groups();
        await groups.CreateAsync(Group("{'displayName':'Finance'}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'Sales'}"), CancellationToken.None);
        tenant.ResetCalls();

        var result = await groups.QueryAsync(
            ScimService.BuildQuery(ScimSchemas.GroupType, new SearchRequest { Filter = "displayName eq \"FINANCE\"", ExcludedAttributes = ["members"] }),
            CancellationToken.None);

        Assert.Equal("Finance", (string?)Assert.Single(result.Resources)["displayName"]);
        Assert.Equal(1, tenant.Calls());
    }

    [Fact]
    public async Task Delete_Group_RemovesTheRoleAndItsGrants()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var users = await CreateUsersAsync(tenant, 2);
        var groups = tenant.Groups();
        var group = await groups.CreateAsync(
            Group($"{{'displayName':'Temp','members':[{{'value':'{users[0]}'}},{{'value':'{users[1]}'}}]}}"), CancellationToken.None);

        Assert.True(await groups.DeleteAsync((string)group["id"]!, CancellationToken.None));

        Assert.DoesNotContain(tenant.Emulator.State.ProjectRoles, r => r.Key == (string)group["id"]!);
        Assert.Empty(tenant.Emulator.State.Authorizations);
        Assert.False(await groups.DeleteAsync((string)group["id"]!, CancellationToken.None));
    }

    private static JsonObject Group(string json) =>
        ResourceNormalizer.ForCreate(ScimSchemas.GroupType, JsonNode.Parse(json.Replace('\'', '"')));

    private static JsonObject WithMembers(JsonObject group, IEnumerable<string> userIds)
    {
        var copy = (JsonObject)group.DeepClone();
        copy["members"] = new JsonArray(userIds.Select(id => (JsonNode)new JsonObject { ["value"] = id, ["type"] = "User" }).ToArray());
        return copy;
    }

    private static async Task<List<string>> CreateUsersAsync(ZitadelTenant tenant, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var user = await tenant.Users().CreateAsync(
                ResourceNormalizer.ForCreate(ScimSchemas.UserType, JsonNode.Parse($$"""{"userName":"member{{i}}@contoso.com"}""")),
                CancellationToken.None);
            ids.Add((string)user["id"]!);
        }

        return ids;
    }
}
