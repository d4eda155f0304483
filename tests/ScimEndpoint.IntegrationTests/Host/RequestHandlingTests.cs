using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

public sealed class RequestHandlingTests : ScimServerTest
{
    [Theory]
    [InlineData("ServiceProviderConfig/")]
    [InlineData("ResourceTypes/")]
    [InlineData("Schemas/")]
    [InlineData("ResourceTypes/User/")]
    public async Task Get_TrailingSlash_IsServed(string path)
    {
        var response = await Server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("Users/123/extra")]
    [InlineData("ResourceTypes/Device")]
    [InlineData("Schemas/urn:unknown")]
    public async Task Get_UnknownPath_Is404WithScimBody(string path)
    {
        var response = await Server.Client.GetAsync(path);

        await ScimAssert.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Request_WrongMethod_Is405WithScimBody()
    {
        var response = await Server.Client.DeleteAsync("ServiceProviderConfig");

        await ScimAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_UnsupportedContentType_Is415(string mediaType)
    {
        var content = new StringContent("{\"userName\":\"a\"}", Encoding.UTF8, mediaType);

        var response = await Server.Client.PostAsync("Users", content);

        await ScimAssert.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Post_MalformedJson_Is400InvalidSyntaxWithoutEchoingTheBody()
    {
        const string secret = "s3cr3t-payload-value";
        var content = new StringContent("{\"userName\": \"" + secret + "\", oops}", Encoding.UTF8, "application/scim+json");

        var response = await Server.Client.PostAsync("Users", content);

        var body = await ScimAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalidSyntax");
        Assert.DoesNotContain(secret, body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("oops", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("byte", (string?)body["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{\"a\":1,\"a\":2}")]
    public async Task Post_BodyNotOneJsonObject_Is400InvalidSyntax(string json)
    {
        var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await Server.Client.PostAsync("Users", content);

        await ScimAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Fact]
    public async Task Post_BodyOver1MiBWithContentLength_Is413()
    {
        var content = new ByteArrayContent(LargeBody());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");

        var response = await Server.Client.PostAsync("Users", content);

        await ScimAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_BodyOver1MiBChunked_Is413()
    {
        var content = new StreamContent(new MemoryStream(LargeBody()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "Users") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Server.Client.SendAsync(request);

        await ScimAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Get_MetricsOnScimPort_Is404()
    {
        using var client = new HttpClient();
        var scimRoot = new Uri(Server.ScimBaseUri, "/");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(scimRoot, "metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(scimRoot, "healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(scimRoot, "readyz"))).StatusCode);
    }

    [Fact]
    public async Task Get_ScimRouteOnManagementPort_Is404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.ManagementBaseUri, "scim/v2/Schemas"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ScimServer.Token);

        var response = await Server.Management.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Response_HasNoServerHeader()
    {
        var response = await Server.Client.GetAsync("Schemas");

        Assert.Empty(response.Headers.Server);
    }

    private static byte[] LargeBody()
    {
        var body = new byte[(1024 * 1024) + 4096];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';
        body[^1] = (byte)'}';
        return body;
    }
}
