using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Service;

public sealed class ScimServiceTests
{
    private const string Patch = "{'Operations':[{'op':'replace','path':'title','value':'New'}]}";

    [Fact]
    public async Task PatchAsync_StoreReportsConflicts_RereadsAndAppliesAgain()
    {
        var store = new ConflictingStore(conflicts: 3);
        var service = new ScimService(store);

        var result = await service.PatchAsync(ScimSchemas.UserType, "id-1", Json.Node(Patch), null, CancellationToken.None);

        Assert.Equal("New", (string?)result!["title"]);
        Assert.Equal(4, store.ReplaceCalls);
    }

    [Fact]
    public async Task PatchAsync_ConflictWithIfMatch_IsPreconditionFailed()
    {
        var store = new ConflictingStore(conflicts: 1);
        var service = new ScimService(store);

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            service.PatchAsync(ScimSchemas.UserType, "id-1", Json.Node(Patch), "W/\"1\"", CancellationToken.None));

        Assert.Equal(412, error.Status);
    }

    [Theory]
    [InlineData("W/\"2\"")]
    [InlineData("\"2\"")]
    [InlineData("W/\"7\", W/\"9\"")]
    public async Task PatchAsync_IfMatchOtherVersion_IsPreconditionFailedAndNothingIsWritten(string ifMatch)
    {
        var store = new ConflictingStore(conflicts: 0);
        var service = new ScimService(store);

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            service.PatchAsync(ScimSchemas.UserType, "id-1", Json.Node(Patch), ifMatch, CancellationToken.None));

        Assert.Equal(412, error.Status);
        Assert.Equal(0, store.ReplaceCalls);
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"1\"")]
    [InlineData("*")]
    [InlineData("W/\"5\", W/\"1\"")]
    public async Task PatchAsync_IfMatchCurrentVersion_Applies(string ifMatch)
    {
        var service = new ScimService(new ConflictingStore(conflicts: 0));

        var result = await service.PatchAsync(ScimSchemas.UserType, "id-1", Json.Node(Patch), ifMatch, CancellationToken.None);

        Assert.Equal("New", (string?)result!["title"]);
    }

    [Fact]
    public async Task PatchAsync_NoChange_DoesNotWrite()
    {
        var store = new ConflictingStore(conflicts: 0);
        var service = new ScimService(store);

        await service.PatchAsync(
            ScimSchemas.UserType, "id-1", Json.Node("{'Operations':[{'op':'replace','path':'title','value':'Old'}]}"), null, CancellationToken.None);

        Assert.Equal(0, store.ReplaceCalls);
    }

    [Fact]
    public async Task GetAsync_UnknownId_IsNotFound()
    {
        var service = new ScimService(new ConflictingStore(conflicts: 0));

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            service.GetAsync(ScimSchemas.UserType, "nope", CancellationToken.None));

        Assert.Equal(404, error.Status);
    }

    public static TheoryData<string, string?, string?, string?, string> BadQueries() => new()
    {
        { "sortBy unknown", null, "shoeSize", null, "invalidValue" },
        { "sortBy complex", null, "name", null, "invalidValue" },
        { "sortOrder unknown", null, null, "sideways", "invalidValue" },
        { "filter unknown attribute", "shoeSize eq 9", null, null, "invalidFilter" },
        { "filter malformed", "userName eq", null, null, "invalidFilter" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public void BuildQuery_BadParameters_ThrowWithScimType(
        string name, string? filter, string? sortBy, string? sortOrder, string scimType)
    {
        var request = new SearchRequest { Filter = filter, SortBy = sortBy, SortOrder = sortOrder };

        var error = Assert.Throws<ScimException>(() => ScimService.BuildQuery(ScimSchemas.UserType, request));

        Assert.True(scimType == error.ScimType, $"{name}: expected {scimType}, got {error.ScimType}");
    }

    [Fact]
    public void BuildQuery_PagingOutOfRange_IsClampedPerRfc()
    {
        var query = ScimService.BuildQuery(ScimSchemas.UserType, new SearchRequest { StartIndex = -4, Count = -1 });
        var large = ScimService.BuildQuery(ScimSchemas.UserType, new SearchRequest { Count = 1_000_000 });

        Assert.Equal(1, query.StartIndex);
        Assert.Equal(0, query.Count);
        Assert.Equal(ScimConstants.MaxPageSize, large.Count);
    }

    /// <summary>A one-user store whose replace loses the race a given number of times.</summary>
    private sealed class ConflictingStore(int conflicts) : IScimStore
    {
        private JsonObject _user = Json.Object(
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'id-1','userName':'u','title':'Old','meta':{'resourceType':'User','version':'W/\\'1\\''}}");

        public int ReplaceCalls { get; private set; }

        public Task<JsonObject?> GetAsync(ResourceTypeDefinition type, string id, CancellationToken cancellationToken) =>
            Task.FromResult(id == "id-1" ? _user : null);

        public Task<StoreQueryResult> QueryAsync(ResourceTypeDefinition type, StoreQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(new StoreQueryResult(1, [_user]));

        public Task<JsonObject> CreateAsync(ResourceTypeDefinition type, JsonObject resource, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<JsonObject> ReplaceAsync(
            ResourceTypeDefinition type, JsonObject current, JsonObject replacement, CancellationToken cancellationToken)
        {
            ReplaceCalls++;
            if (ReplaceCalls <= conflicts)
            {
                throw new StoreConflictException("id-1");
            }

            _user = replacement;
            return Task.FromResult(replacement);
        }

        public Task<bool> DeleteAsync(ResourceTypeDefinition type, string id, string? expectedVersion, CancellationToken cancellationToken) =>
            Task.FromResult(false);

        public Task<bool> ChangeMembersAsync(
            string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
