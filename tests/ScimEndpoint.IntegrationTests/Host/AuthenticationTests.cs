using System.Net;
using System.Net.Http.Headers;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

public sealed class AuthenticationTests : ScimServerTest
{
    [Fact]
    public async Task Request_ValidToken_IsServed()
    {
        var response = await Server.Client.GetAsync("ServiceProviderConfig");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_NoAuthorizationHeader_Is401WithChallengeWithoutError()
    {
        using var client = Server.CreateClient(token: null);

        var response = await client.GetAsync("Users");

        await ScimAssert.ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"scim\"", response.Headers.WwwAuthenticate.ToString());
        await AssertFailureCountedAsync("missing");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "malformed")]
    [InlineData("Bearer", "malformed")]
    [InlineData("Bearer two words", "malformed")]
    [InlineData("Bearer scimop_not-a-known-token", "unknown")]
    public async Task Request_BadToken_Is401WithInvalidTokenChallenge(string authorization, string reason)
    {
        using var client = Server.CreateClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "Schemas");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.SendAsync(request);

        var body = await ScimAssert.ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"scim\", error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain(authorization.Split(' ')[^1], body.ToJsonString(), StringComparison.Ordinal);
        await AssertFailureCountedAsync(reason);
    }

    [Fact]
    public async Task Request_ExpiredKey_Is401Expired()
    {
        await Server.WriteKeySetAsync(
            new ScimServer.Key("old", "scimop_expired", DateTimeOffset.UtcNow.AddMinutes(-1)),
            new ScimServer.Key("current", "scimop_current"));
        using var expired = Server.CreateClient("scimop_expired");
        using var current = Server.CreateClient("scimop_current");
        await ScimServer.WaitUntilAsync(async () =>
            (await current.GetAsync("Schemas")).StatusCode == HttpStatusCode.OK);

        var response = await expired.GetAsync("Schemas");

        await ScimAssert.ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertFailureCountedAsync("expired");
    }

    [Fact]
    public async Task Request_DiscoveryWithoutToken_Is401()
    {
        using var client = Server.CreateClient(token: null);

        var response = await client.GetAsync("ServiceProviderConfig");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_LowercaseBearerScheme_IsServed()
    {
        using var client = Server.CreateClient(token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", ScimServer.Token);

        var response = await client.GetAsync("ResourceTypes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertFailureCountedAsync(string reason)
    {
        var metrics = await Server.Management.GetStringAsync("metrics");
        Assert.Contains($"scim_auth_failures_total{{tenant=\"default\",reason=\"{reason}\"}} 1", metrics, StringComparison.Ordinal);
    }
}
