using System.Net;
using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

/// <summary>RFC 7644 §3.4.2 query behaviour over HTTP: filters as Entra encodes them, paging, sorting, projection.</summary>
public sealed class QueryEndpointTests : ScimServerTest
{
    private const string Ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task GetUsers_CountZero_ReturnsOnlyTheTotal()
    {
        await SeedAsync("carol", "alice", "bob");

        var list = await ListAsync("Users?count=0");

        Assert.Equal(3, (int)list["totalResults"]!);
        Assert.Equal(0, (int)list["itemsPerPage"]!);
        Assert.Empty(list["Resources"]!.AsArray());
    }

    [Fact]
    public async Task GetUsers_SortDescendingWithPage_ReturnsThatSliceAndEchoesStartIndex()
    {
        await SeedAsync("carol", "alice", "dave", "bob", "erin");

        var list = await ListAsync("Users?sortBy=userName&sortOrder=descending&startIndex=2&count=2");

        Assert.Equal(5, (int)list["totalResults"]!);
        Assert.Equal(2, (int)list["startIndex"]!);
        Assert.Equal(2, (int)list["itemsPerPage"]!);
        Assert.Equal(["dave", "carol"], Names(list));
    }

    [Fact]
    public async Task GetUsers_StartIndexPastTheEnd_IsEmptyPageWithTotal()
    {
        await SeedAsync("alice", "bob");

        var list = await ListAsync("Users?startIndex=10&count=5");

        Assert.Equal(2, (int)list["totalResults"]!);
        Assert.Empty(list["Resources"]!.AsArray());
    }

    [Theory]
    [InlineData("Users?filter=userName+eq+%22BOB%22")]                 // Entra: + for spaces, %22 for quotes
    [InlineData("Users?filter=userName%20Eq%20%22bob%22")]
    [InlineData("Users?filter=userName+eq+bob")]                      // unquoted value, as in Entra's old docs
    [InlineData("Users?filter=urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser%3AuserName+eq+%22bob%22")]
    [InlineData("Users?filter=emails%5Btype+eq+%22work%22+and+value+co+%22%40bob.example%22%5D")]
    [InlineData("Users?filter=not+(userName+eq+%22alice%22)+and+active+eq+true")]
    public async Task GetUsers_FilterForms_FindBob(string path)
    {
        await SeedAsync("alice", "bob");

        var list = await ListAsync(path);

        Assert.Equal(["bob"], Names(list));
    }

    [Fact]
    public async Task GetUsers_FilterOnEnterpriseManager_FindsReports()
    {
        var ids = await SeedAsync("boss", "worker");
        await SendAsync(HttpMethod.Patch, $"Users/{ids[1]}",
            $$"""{"Operations":[{"op":"Add","path":"{{Ent}}:manager","value":"{{ids[0]}}"}]}""");

        var list = await ListAsync($"Users?filter={Uri.EscapeDataString($"{Ent}:manager.value eq \"{ids[0]}\"")}");

        Assert.Equal(["worker"], Names(list));
    }

    [Fact]
    public async Task GetUsers_MalformedFilter_Is400InvalidFilterNamingThePosition()
    {
        var error = await ScimAssert.ErrorAsync(
            await Server.Client.GetAsync("Users?filter=userName+eq+%22a%22+and"), HttpStatusCode.BadRequest, "invalidFilter");

        Assert.Contains("position", (string?)error["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUsers_FilterOverFourKiB_Is400InvalidFilter()
    {
        var filter = Uri.EscapeDataString($"userName eq \"{new string('a', 4100)}\"");

        await ScimAssert.ErrorAsync(await Server.Client.GetAsync($"Users?filter={filter}"), HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task GetUser_AttributesWithSubAttributeAndUrn_ReturnsOnlyThose()
    {
        var ids = await SeedAsync("alice");
        await SendAsync(HttpMethod.Patch, $"Users/{ids[0]}",
            $$$"""{"Operations":[{"op":"add","value":{"name.givenName":"Al","name.familyName":"Ice","{{{Ent}}}:department":"R&D"}}]}""");

        var user = await ScimAssert.JsonAsync(await Server.Client.GetAsync(
            $"Users/{ids[0]}?attributes=name.givenName,{Uri.EscapeDataString($"{Ent}:department")}"));

        Assert.Equal("Al", (string?)user["name"]!["givenName"]);
        Assert.Null(user["name"]!["familyName"]);
        Assert.Equal("R&D", (string?)user[Ent]!["department"]);
        Assert.Null(user["userName"]);
        Assert.Equal(ids[0], (string?)user["id"]);
    }

    [Fact]
    public async Task PatchUser_StaleIfMatch_Is412AndLeavesTheUserUnchanged()
    {
        var ids = await SeedAsync("alice");
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"Users/{ids[0]}")
        {
            Content = new StringContent(
                """{"Operations":[{"op":"replace","path":"userName","value":"mallory"}]}""",
                System.Text.Encoding.UTF8,
                "application/scim+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"7\"");

        await ScimAssert.ErrorAsync(await Server.Client.SendAsync(request), HttpStatusCode.PreconditionFailed);

        var user = await ScimAssert.JsonAsync(await Server.Client.GetAsync($"Users/{ids[0]}"));
        Assert.Equal("alice", (string?)user["userName"]);
    }

    private async Task<List<string>> SeedAsync(params string[] names)
    {
        var ids = new List<string>();
        foreach (var name in names)
        {
            var user = await ScimAssert.JsonAsync(await PostAsync(
                "Users", $$"""{"userName":"{{name}}","active":true,"emails":[{"value":"{{name}}@{{name}}.example","type":"work"}]}"""));
            ids.Add((string)user["id"]!);
        }

        return ids;
    }

    private async Task<JsonObject> ListAsync(string path) =>
        await ScimAssert.JsonAsync(await Server.Client.GetAsync(path));

    private static List<string> Names(JsonObject list) =>
        list["Resources"]!.AsArray().Select(r => (string)r!["userName"]!).ToList();
}
