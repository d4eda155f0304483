using System.Net;
using System.Text;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

public sealed class ResourceEndpointTests : ScimServerTest
{
    [Fact]
    public async Task PostUser_Valid_Is201WithLocationAndETag()
    {
        var response = await PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await ScimAssert.JsonAsync(response);
        var location = $"{Server.ScimBaseUri}/Users/{user["id"]}";
        Assert.Equal(location, response.Headers.Location?.ToString());
        Assert.Equal(location, (string?)user["meta"]!["location"]);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task GetUsers_FilterWithUnknownQueryParameter_ReturnsListResponse()
    {
        await PostAsync("Users", """{"userName":"alice"}""");

        var response = await Server.Client.GetAsync("Users/?filter=userName+eq+%22ALICE%22&aadOptscim062020");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await ScimAssert.JsonAsync(response);
        Assert.Equal(1, (int)list["totalResults"]!);
        Assert.Equal(1, (int)list["startIndex"]!);
        Assert.Equal("alice", (string?)list["Resources"]![0]!["userName"]);
    }

    [Fact]
    public async Task GetUsers_NonIntegerCount_Is400InvalidValue()
    {
        var response = await Server.Client.GetAsync("Users?count=ten");

        await ScimAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task GetUser_Unknown_Is404()
    {
        await ScimAssert.ErrorAsync(await Server.Client.GetAsync("Users/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PatchGroup_WithoutProjection_Is204AndWithProjectionIs200()
    {
        var user = await ScimAssert.JsonAsync(await PostAsync("Users", """{"userName":"alice"}"""));
        var group = await ScimAssert.JsonAsync(await PostAsync("Groups", """{"displayName":"Admins"}"""));
        var patch = $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"{{user["id"]}}"}]}]}""";

        var noContent = await SendAsync(HttpMethod.Patch, $"Groups/{group["id"]}", patch);
        var projected = await SendAsync(
            HttpMethod.Patch, $"Groups/{group["id"]}?excludedAttributes=members",
            """{"Operations":[{"op":"Replace","path":"displayName","value":"Admins2"}]}""");

        Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, projected.StatusCode);
        var body = await ScimAssert.JsonAsync(projected);
        Assert.Equal("Admins2", (string?)body["displayName"]);
        Assert.Null(body["members"]);
    }

    [Fact]
    public async Task PatchUser_Valid_Is200WithResource()
    {
        var user = await ScimAssert.JsonAsync(await PostAsync("Users", """{"userName":"alice","active":true}"""));

        var response = await SendAsync(
            HttpMethod.Patch, $"Users/{user["id"]}", """{"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)(await ScimAssert.JsonAsync(response))["active"]!);
    }

    [Fact]
    public async Task PutUser_StaleIfMatch_Is412()
    {
        var user = await ScimAssert.JsonAsync(await PostAsync("Users", """{"userName":"alice"}"""));
        using var request = Request(HttpMethod.Put, $"Users/{user["id"]}", """{"userName":"alice2"}""");
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"9\"");

        var response = await Server.Client.SendAsync(request);

        await ScimAssert.ErrorAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task DeleteUser_Existing_Is204ThenGetIs404()
    {
        var user = await ScimAssert.JsonAsync(await PostAsync("Users", """{"userName":"alice"}"""));

        var response = await Server.Client.DeleteAsync($"Users/{user["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync($"Users/{user["id"]}")).StatusCode);
    }

    [Fact]
    public async Task PostUser_Duplicate_Is409Uniqueness()
    {
        await PostAsync("Users", """{"userName":"alice"}""");

        await ScimAssert.ErrorAsync(await PostAsync("Users", """{"userName":"Alice"}"""), HttpStatusCode.Conflict, "uniqueness");
    }

    [Fact]
    public async Task RootSearch_UserNameFilter_SearchesOnlyTypesItResolvesFor()
    {
        await PostAsync("Users", """{"userName":"alice"}""");
        await PostAsync("Groups", """{"displayName":"Admins"}""");

        var response = await PostAsync(".search", """{"filter":"userName sw \"a\"","startIndex":1,"count":10}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await ScimAssert.JsonAsync(response);
        Assert.Equal(1, (int)list["totalResults"]!);
    }

    [Fact]
    public async Task RootSearch_NoFilter_PagesOverUsersThenGroups()
    {
        await PostAsync("Users", """{"userName":"alice"}""");
        await PostAsync("Users", """{"userName":"bob"}""");
        await PostAsync("Groups", """{"displayName":"Admins"}""");

        var list = await ScimAssert.JsonAsync(await PostAsync(".search", """{"startIndex":2,"count":2}"""));

        Assert.Equal(3, (int)list["totalResults"]!);
        Assert.Equal(2, (int)list["itemsPerPage"]!);
        Assert.Equal("bob", (string?)list["Resources"]![0]!["userName"]);
        Assert.Equal("Admins", (string?)list["Resources"]![1]!["displayName"]);
        Assert.EndsWith("/Groups/" + list["Resources"]![1]!["id"], (string?)list["Resources"]![1]!["meta"]!["location"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersSearch_PostBody_ReturnsProjectedList()
    {
        await PostAsync("Users", """{"userName":"alice","displayName":"Alice A"}""");

        var list = await ScimAssert.JsonAsync(await PostAsync(
            "Users/.search", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"attributes":["userName"],"filter":"userName eq \"alice\""}"""));

        var user = list["Resources"]![0]!;
        Assert.Equal("alice", (string?)user["userName"]);
        Assert.Null(user["displayName"]);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/scim+json") };
}
