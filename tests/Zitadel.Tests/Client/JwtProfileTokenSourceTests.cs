using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Zitadel.Auth;

namespace Zitadel.Tests.Client;

public sealed class JwtProfileTokenSourceTests : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ClientHarness _harness;

    public JwtProfileTokenSourceTests()
    {
        var keyFile = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "serviceaccount",
            ["keyId"] = "key-1",
            ["key"] = _rsa.ExportRSAPrivateKeyPem(),
            ["userId"] = "machine-1",
        });
        _harness = new ClientHarness(o =>
        {
            o.PersonalAccessToken = null;
            o.KeyFileJson = keyFile;
            o.Issuer = new Uri("https://issuer.example.com/");
        });
    }

    public void Dispose()
    {
        _harness.Dispose();
        _rsa.Dispose();
    }

    private Task CallAsync() => _harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None);

    private static Dictionary<string, string> Form(RecordedRequest request) =>
        request.Body.Split('&').Select(pair => pair.Split('='))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

    [Fact]
    public async Task Exchange_FirstCall_PostsSignedAssertionToTokenEndpoint()
    {
        await CallAsync();

        var tokenRequest = Assert.Single(_harness.Handler.TokenRequests);
        Assert.Equal("https://zitadel.example.com/oauth/v2/token", tokenRequest.Uri.ToString());
        Assert.StartsWith("application/x-www-form-urlencoded", tokenRequest.Header("Content-Type"), StringComparison.Ordinal);
        var form = Form(tokenRequest);
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        Assert.Equal("openid urn:zitadel:iam:org:project:id:zitadel:aud", form["scope"]);

        var parts = form["assertion"].Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("""{"alg":"RS256","kid":"key-1","typ":"JWT"}""", header.RootElement.GetRawText());
        var now = _harness.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(
            $$"""{"iss":"machine-1","sub":"machine-1","aud":"https://issuer.example.com","iat":{{now}},"exp":{{now + 3600}}}""",
            claims.RootElement.GetRawText());
        Assert.True(_rsa.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1));
        Assert.Equal("Bearer access-1", Assert.Single(_harness.Handler.ApiRequests).Header("Authorization"));
    }

    [Fact]
    public async Task GetToken_WithinLifetime_ReusesCachedToken()
    {
        await CallAsync();
        _harness.Time.Advance(TimeSpan.FromMinutes(58));
        await CallAsync();

        Assert.Single(_harness.Handler.TokenRequests);
        Assert.All(_harness.Handler.ApiRequests, r => Assert.Equal("Bearer access-1", r.Header("Authorization")));
    }

    [Fact]
    public async Task GetToken_InsideRefreshMargin_ExchangesAgainBeforeExpiry()
    {
        await CallAsync();
        _harness.Time.Advance(TimeSpan.FromSeconds(3600 - 60));
        await CallAsync();

        Assert.Equal(2, _harness.Handler.TokenRequests.Count);
        Assert.Equal("Bearer access-2", _harness.Handler.ApiRequests[^1].Header("Authorization"));
    }

    [Fact]
    public async Task Call_TokenRejectedWith401_RefreshesOnceAndRetries()
    {
        _harness.Handler.Api = (request, _) => Task.FromResult(request.Header("Authorization") == "Bearer access-1"
            ? FakeZitadelHandler.Json(HttpStatusCode.Unauthorized, """{"code":"unauthenticated","message":"token expired"}""")
            : FakeZitadelHandler.Json(HttpStatusCode.OK, "{}"));

        await CallAsync();

        Assert.Equal(2, _harness.Handler.TokenRequests.Count);
        Assert.Equal(
            ["Bearer access-1", "Bearer access-2"],
            _harness.Handler.ApiRequests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task Call_NewTokenAlsoRejected_ThrowsUnauthenticatedAfterOneRefresh()
    {
        _harness.Handler.Api = (_, _) => Task.FromResult(FakeZitadelHandler.Json(
            HttpStatusCode.Unauthorized, """{"code":"unauthenticated","message":"auth header missing"}"""));

        var error = await Assert.ThrowsAsync<ZitadelException>(CallAsync);

        Assert.True(error.IsUnauthenticated);
        Assert.Equal(2, _harness.Handler.ApiRequests.Count);
        Assert.Equal(2, _harness.Handler.TokenRequests.Count);
    }

    [Fact]
    public async Task GetToken_ConcurrentCallers_ShareOneExchange()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = _harness.Handler.Token;
        _harness.Handler.Token = async (request, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return await answer(request, ct);
        };

        var calls = Enumerable.Range(0, 5).Select(_ => CallAsync()).ToList();
        await _harness.Handler.WaitForRequestsAsync(1);
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Single(_harness.Handler.TokenRequests);
        Assert.Equal(5, _harness.Handler.ApiRequests.Count);
    }

    [Fact]
    public async Task Exchange_OAuthError_ThrowsUnauthenticatedWithoutAssertionOrKey()
    {
        _harness.Handler.Token = (_, _) => Task.FromResult(FakeZitadelHandler.Json(
            HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"invalid signature"}"""));

        var error = await Assert.ThrowsAsync<ZitadelException>(CallAsync);

        Assert.True(error.IsUnauthenticated);
        Assert.Equal(JwtProfileTokenSource.MethodName, error.Method);
        var assertion = Form(Assert.Single(_harness.Handler.TokenRequests))["assertion"];
        var text = error.ToString();
        Assert.DoesNotContain(assertion.Split('.')[2], text, StringComparison.Ordinal);
        Assert.DoesNotContain(assertion.Split('.')[1], text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.Empty(_harness.Handler.ApiRequests);
    }

    [Fact]
    public void ServiceAccountKey_InvalidJson_MessageDoesNotEchoInput()
    {
        var error = Assert.Throws<FormatException>(() => ServiceAccountKey.Parse("{\"key\":\"-----BEGIN SECRET"));

        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
    }
}
