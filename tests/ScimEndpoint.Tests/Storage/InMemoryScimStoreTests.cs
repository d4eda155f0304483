using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;
using ScimEndpoint.Storage.InMemory;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Storage;

public sealed class InMemoryScimStoreTests
{
    private static readonly ResourceTypeDefinition Users = ScimSchemas.UserType;
    private static readonly ResourceTypeDefinition Groups = ScimSchemas.GroupType;

    private readonly ManualTime _time = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 89, TimeSpan.Zero));
    private readonly InMemoryScimStore _store;

    public InMemoryScimStoreTests() => _store = new InMemoryScimStore(_time);

    [Fact]
    public async Task Create_User_AssignsIdAndMeta()
    {
        var user = await CreateUserAsync("alice");

        Assert.True(Guid.TryParse((string?)user["id"], out _));
        Assert.Equal("alice", (string?)user["userName"]);
        Assert.Equal("User", (string?)user["meta"]!["resourceType"]);
        Assert.Equal("2026-03-04T05:06:07.089Z", (string?)user["meta"]!["created"]);
        Assert.Equal("2026-03-04T05:06:07.089Z", (string?)user["meta"]!["lastModified"]);
        Assert.Equal("W/\"1\"", (string?)user["meta"]!["version"]);
        Json.Equal(user, await _store.GetAsync(Users, (string)user["id"]!, default));
    }

    [Fact]
    public async Task Create_UserNameTakenIgnoringCase_Throws409Uniqueness()
    {
        await CreateUserAsync("alice");

        var error = await Assert.ThrowsAsync<ScimException>(() => CreateUserAsync("ALICE"));

        Assert.Equal(409, error.Status);
        Assert.Equal("uniqueness", error.ScimType);
    }

    [Fact]
    public async Task Create_GroupDisplayNameTaken_Throws409()
    {
        await CreateGroupAsync("Admins");

        var error = await Assert.ThrowsAsync<ScimException>(() => CreateGroupAsync("admins"));

        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task Query_EqOnUserName_FindsIgnoringCase()
    {
        await CreateUserAsync("alice");
        var bob = await CreateUserAsync("bob");

        var result = await QueryAsync(Users, "userName eq \"BOB\"");

        Assert.Equal(1, result.TotalResults);
        Assert.Equal(bob["id"]!.ToString(), result.Resources[0]["id"]!.ToString());
    }

    [Fact]
    public async Task Query_EqOnExternalId_ReturnsEveryMatchInCreationOrder()
    {
        var first = await CreateUserAsync("a", externalId: "same");
        await CreateUserAsync("b", externalId: "other");
        var third = await CreateUserAsync("c", externalId: "same");

        var result = await QueryAsync(Users, "externalId eq \"same\"");

        Assert.Equal([(string)first["id"]!, (string)third["id"]!], result.Resources.Select(r => (string)r["id"]!));
    }

    [Fact]
    public async Task Query_IndexedEqAndOtherCondition_ChecksWholeFilter()
    {
        var user = await CreateUserAsync("alice", externalId: "x");

        Assert.Equal(1, (await QueryAsync(Users, $"id eq \"{user["id"]}\" and externalId eq \"x\"")).TotalResults);
        Assert.Equal(0, (await QueryAsync(Users, $"id eq \"{user["id"]}\" and externalId eq \"y\"")).TotalResults);
        Assert.Equal(0, (await QueryAsync(Users, "userName eq \"nobody\"")).TotalResults);
    }

    [Fact]
    public async Task Query_PagingAndCountZero_ReturnsPageAndTotal()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateUserAsync($"user{i}");
        }

        var page = await _store.QueryAsync(Users, new StoreQuery(null, null, false, 2, 2), default);
        var totalOnly = await _store.QueryAsync(Users, new StoreQuery(null, null, false, 1, 0), default);

        Assert.Equal(5, page.TotalResults);
        Assert.Equal(["user1", "user2"], page.Resources.Select(r => (string)r["userName"]!));
        Assert.Equal(5, totalOnly.TotalResults);
        Assert.Empty(totalOnly.Resources);
    }

    [Fact]
    public async Task Query_SortByUserNameDescending_Sorts()
    {
        await CreateUserAsync("b");
        await CreateUserAsync("C");
        await CreateUserAsync("a");

        var result = await _store.QueryAsync(
            Users, new StoreQuery(null, new AttributePath(null, "userName"), true, 1, 10), default);

        Assert.Equal(["C", "b", "a"], result.Resources.Select(r => (string)r["userName"]!));
    }

    [Fact]
    public async Task Replace_CurrentVersion_BumpsVersionAndKeepsCreated()
    {
        var user = await CreateUserAsync("alice");
        _time.Now = _time.Now.AddMinutes(1);
        var replacement = user.DeepClone().AsObject();
        replacement["userName"] = "alice2";

        var replaced = await _store.ReplaceAsync(Users, user, replacement, default);

        Assert.Equal("W/\"2\"", (string?)replaced["meta"]!["version"]);
        Assert.Equal("2026-03-04T05:06:07.089Z", (string?)replaced["meta"]!["created"]);
        Assert.Equal("2026-03-04T05:07:07.089Z", (string?)replaced["meta"]!["lastModified"]);
        Assert.Equal(1, (await QueryAsync(Users, "userName eq \"alice2\"")).TotalResults);
        Assert.Equal(0, (await QueryAsync(Users, "userName eq \"alice\"")).TotalResults);
        Assert.Equal("W/\"1\"", (string?)user["meta"]!["version"]);
    }

    [Fact]
    public async Task Replace_StaleVersion_ThrowsConflict()
    {
        var user = await CreateUserAsync("alice");
        await _store.ReplaceAsync(Users, user, user.DeepClone().AsObject(), default);

        await Assert.ThrowsAsync<StoreConflictException>(
            () => _store.ReplaceAsync(Users, user, user.DeepClone().AsObject(), default));
    }

    [Fact]
    public async Task Replace_ToTakenUserName_Throws409()
    {
        await CreateUserAsync("alice");
        var bob = await CreateUserAsync("bob");
        var replacement = bob.DeepClone().AsObject();
        replacement["userName"] = "Alice";

        var error = await Assert.ThrowsAsync<ScimException>(() => _store.ReplaceAsync(Users, bob, replacement, default));

        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task CreateGroup_UnknownMember_Throws400InvalidValue()
    {
        var error = await Assert.ThrowsAsync<ScimException>(() => CreateGroupAsync("g", "no-such-id"));

        Assert.Equal(400, error.Status);
        Assert.Equal("invalidValue", error.ScimType);
        Assert.Contains("no-such-id", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGroup_Members_GetTheirType()
    {
        var user = await CreateUserAsync("alice");
        var inner = await CreateGroupAsync("inner");

        var group = await CreateGroupAsync("outer", (string)user["id"]!, (string)inner["id"]!);

        Assert.Equal(["User", "Group"], group["members"]!.AsArray().Select(m => (string)m!["type"]!));
    }

    [Fact]
    public async Task DeleteUser_MemberOfGroups_RemovesItAndBumpsGroupVersion()
    {
        var alice = await CreateUserAsync("alice");
        var bob = await CreateUserAsync("bob");
        var group = await CreateGroupAsync("g", (string)alice["id"]!, (string)bob["id"]!);

        Assert.True(await _store.DeleteAsync(Users, (string)alice["id"]!, null, default));

        var after = (await _store.GetAsync(Groups, (string)group["id"]!, default))!;
        Assert.Equal([(string)bob["id"]!], after["members"]!.AsArray().Select(m => (string)m!["value"]!));
        Assert.Equal("W/\"2\"", (string?)after["meta"]!["version"]);
        Assert.Null(await _store.GetAsync(Users, (string)alice["id"]!, default));
        Assert.Equal(0, (await QueryAsync(Users, "userName eq \"alice\"")).TotalResults);
    }

    [Fact]
    public async Task Delete_Missing_ReturnsFalse()
    {
        Assert.False(await _store.DeleteAsync(Users, "missing", null, default));
    }

    [Fact]
    public async Task Delete_WrongExpectedVersion_Throws412()
    {
        var user = await CreateUserAsync("alice");

        var error = await Assert.ThrowsAsync<ScimException>(
            () => _store.DeleteAsync(Users, (string)user["id"]!, "W/\"7\"", default));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task Create_ConcurrentSameUserName_ExactlyOneWins()
    {
        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            try
            {
                await CreateUserAsync("race");
                return true;
            }
            catch (ScimException)
            {
                return false;
            }
        }));

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task Query_ManyDeletes_ScanSkipsDeletedAndKeepsOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            ids.Add((string)(await CreateUserAsync($"u{i}"))["id"]!);
        }

        for (var i = 0; i < 3000; i += 2)
        {
            await _store.DeleteAsync(Users, ids[i], null, default);
        }

        var result = await _store.QueryAsync(Users, new StoreQuery(null, null, false, 1, 3), default);

        Assert.Equal(1500, result.TotalResults);
        Assert.Equal(["u1", "u3", "u5"], result.Resources.Select(r => (string)r["userName"]!));
    }

    private Task<JsonObject> CreateUserAsync(string userName, string? externalId = null)
    {
        var user = new JsonObject { ["schemas"] = new JsonArray(ScimConstants.UserSchema), ["userName"] = userName };
        if (externalId is not null)
        {
            user["externalId"] = externalId;
        }

        return _store.CreateAsync(Users, user, default);
    }

    private Task<JsonObject> CreateGroupAsync(string displayName, params string[] memberIds)
    {
        var group = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimConstants.GroupSchema),
            ["displayName"] = displayName,
            ["members"] = new JsonArray(memberIds.Select(id => (JsonNode)new JsonObject { ["value"] = id }).ToArray()),
        };
        return _store.CreateAsync(Groups, group, default);
    }

    private Task<StoreQueryResult> QueryAsync(ResourceTypeDefinition type, string filter) =>
        _store.QueryAsync(type, new StoreQuery(FilterParser.Parse(filter), null, false, 1, 100), default);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
