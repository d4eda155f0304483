using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;
using ScimEndpoint.Storage.Zitadel;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>SCIM filters as ZITADEL queries: what is pushed down, what it costs, and what is refused.</summary>
public sealed class ZitadelUserQueryTests
{
    [Fact]
    public async Task Query_UserNameEqInOtherCase_FindsTheUserInTwoCalls()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        var alice = await CreateAsync(store, "alice@contoso.com", "ext-a");
        await CreateAsync(store, "bob@contoso.com", "ext-b");
        tenant.ResetCalls();

        var result = await QueryAsync(store, "userName eq \"ALICE@contoso.com\"");

        Assert.Equal(1, result.TotalResults);
        Assert.Equal((string?)alice["id"], (string?)Assert.Single(result.Resources)["id"]);
        Assert.Equal(2, tenant.Calls());
    }

    [Fact]
    public async Task Query_UnknownUserName_IsEmptyInOneCall()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        await CreateAsync(store, "alice@contoso.com", "ext-a");
        tenant.ResetCalls();

        var result = await QueryAsync(store, $"userName eq \"{Guid.NewGuid()}\"");

        Assert.Equal(0, result.TotalResults);
        Assert.Empty(result.Resources);
        Assert.Equal(1, tenant.Calls());
    }

    [Theory]
    [InlineData("externalId eq \"ext-b\"")]
    [InlineData("emails[type eq \"work\"].value eq \"BOB@contoso.com\"")]
    [InlineData("emails.value eq \"bob@contoso.com\"")]
    [InlineData("userName sw \"bo\" and title eq \"Engineer\"")]
    [InlineData("not (userName eq \"alice@contoso.com\")")]
    [InlineData("userName eq \"bob@contoso.com\" or externalId eq \"nobody\"")]
    public async Task Query_PushedDownFilters_FindOnlyBob(string filter)
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        await CreateAsync(store, "alice@contoso.com", "ext-a");
        var bob = await CreateAsync(store, "bob@contoso.com", "ext-b");

        var result = await QueryAsync(store, filter);

        Assert.Equal(1, result.TotalResults);
        Assert.Equal((string?)bob["id"], (string?)Assert.Single(result.Resources)["id"]);
    }

    [Theory]
    [InlineData("title eq \"Engineer\"")]
    [InlineData("active eq true")]
    [InlineData("userName gt \"a\"")]
    [InlineData("title eq \"x\" or userName eq \"y\"")]
    public async Task Query_NothingZitadelCanAnswer_IsInvalidFilterNotAScan(string filter)
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        tenant.ResetCalls();

        var error = await Assert.ThrowsAsync<ScimException>(() => QueryAsync(tenant.Users(), filter));

        Assert.Equal("invalidFilter", error.ScimType);
        Assert.Equal(0, tenant.Calls());
    }

    [Fact]
    public async Task Query_NoFilter_PagesInCreationOrderWithTheTotal()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        foreach (var name in new[] { "u1", "u2", "u3", "u4", "u5" })
        {
            await CreateAsync(store, $"{name}@contoso.com", $"ext-{name}");
        }

        var result = await QueryAsync(store, null, startIndex: 2, count: 2);
        var totalOnly = await QueryAsync(store, null, count: 0);

        Assert.Equal(5, result.TotalResults);
        Assert.Equal(["u2@contoso.com", "u3@contoso.com"], result.Resources.Select(r => (string)r["userName"]!));
        Assert.Equal(5, totalOnly.TotalResults);
        Assert.Empty(totalOnly.Resources);
    }

    [Fact]
    public async Task Query_SortByUserNameDescending_IsSortedByZitadel()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        foreach (var name in new[] { "carol", "alice", "bob" })
        {
            await CreateAsync(store, $"{name}@contoso.com", $"ext-{name}");
        }

        var result = await QueryAsync(store, null, sortBy: "userName", descending: true);

        Assert.Equal(["carol@contoso.com", "bob@contoso.com", "alice@contoso.com"], result.Resources.Select(r => (string)r["userName"]!));
    }

    [Fact]
    public async Task Query_OtherOrganisationsUsers_AreNotListed()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var other = tenant.Emulator.CreateOrganization("Other");
        tenant.Emulator.CreateMachineUser("stranger", other);
        await CreateAsync(tenant.Users(), "alice@contoso.com", "ext-a");

        var result = await QueryAsync(tenant.Users(), null);

        Assert.Equal(["alice@contoso.com"], result.Resources.Select(r => (string)r["userName"]!));
    }

    [Fact]
    public async Task Query_RightAfterCreateWithProjectionLag_MayMissTheUserButGetSeesIt()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        tenant.Emulator.ProjectionLag = TimeSpan.FromHours(1);
        var store = tenant.Users();
        var alice = await CreateAsync(store, "alice@contoso.com", "ext-a");

        var listed = await QueryAsync(store, "userName eq \"alice@contoso.com\"");
        var read = await store.GetAsync((string)alice["id"]!, CancellationToken.None);

        Assert.Equal(0, listed.TotalResults);
        Assert.NotNull(read);
    }

    private static async Task<JsonObject> CreateAsync(ZitadelUserStore store, string userName, string externalId) =>
        await store.CreateAsync(
            ResourceNormalizer.ForCreate(ScimSchemas.UserType, JsonNode.Parse(
                $$"""{"userName":"{{userName}}","externalId":"{{externalId}}","title":"Engineer","emails":[{"value":"{{userName}}","type":"work","primary":true}]}""")),
            CancellationToken.None);

    private static Task<StoreQueryResult> QueryAsync(
        ZitadelUserStore store, string? filter, int startIndex = 1, int count = 100, string? sortBy = null, bool descending = false) =>
        store.QueryAsync(
            ScimService.BuildQuery(ScimSchemas.UserType, new SearchRequest
            {
                Filter = filter, StartIndex = startIndex, Count = count, SortBy = sortBy, SortOrder = descending ? "descending" : null,
            }),
            CancellationToken.None);
}
