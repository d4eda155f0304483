using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Emulators.Zitadel;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorTokenTests : EmulatorTestBase
{
    [Fact]
    public async Task Token_CorrectlySignedAssertion_IssuesAccessTokenThatAuthenticates()
    {
        var (user, keyId, rsa) = Setup();
        using (rsa)
        {
            var call = await ExchangeAsync(JwtAssertion.Sign(rsa, keyId, Claims(user)));

            Assert.Equal(HttpStatusCode.OK, call.Status);
            Assert.Equal("Bearer", call.Text("token_type"));
            Assert.True(call.Body["expires_in"]!.GetValue<int>() > 0);
            Client.Token = call.Text("access_token");
            Assert.Equal(HttpStatusCode.OK, (await Client.CallAsync(EmulatorClient.Users, "ListUsers", [])).Status);
        }
    }

    [Fact]
    public async Task Token_SignedWithOtherKey_Returns400InvalidGrant()
    {
        var (user, keyId, rsa) = Setup();
        rsa.Dispose();
        using var other = RSA.Create(2048);

        var call = await ExchangeAsync(JwtAssertion.Sign(other, keyId, Claims(user)));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (call.Status, call.Text("error")));
    }

    public static TheoryData<string, int, int, bool> Rejections => new()
    {
        { "expired", -7200, 3600, false },
        { "iat older than 1 h", -3700, 7200, false },
        { "wrong audience", 0, 3600, true },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Token_BadTimesOrAudience_Returns400(string because, int iatOffset, int lifetime, bool wrongAud)
    {
        var (user, keyId, rsa) = Setup();
        using (rsa)
        {
            var claims = JwtAssertion.Claims(user.UserId, user.UserId,
                wrongAud ? "https://elsewhere.example" : Emulator.Issuer,
                Clock.GetUtcNow().AddSeconds(iatOffset), TimeSpan.FromSeconds(lifetime));

            var call = await ExchangeAsync(JwtAssertion.Sign(rsa, keyId, claims));

            Assert.True(call.Status == HttpStatusCode.BadRequest, because);
            Assert.Equal("invalid_grant", call.Text("error"));
        }
    }

    [Fact]
    public async Task Token_IssNotSub_Returns400()
    {
        var (user, keyId, rsa) = Setup();
        using (rsa)
        {
            var claims = Claims(user);
            claims["sub"] = Emulator.AdminUserId;

            var call = await ExchangeAsync(JwtAssertion.Sign(rsa, keyId, claims));

            Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (call.Status, call.Text("error")));
        }
    }

    [Fact]
    public async Task AddKey_NoPublicKey_ReturnsBase64ServiceAccountKeyFile()
    {
        var user = Emulator.CreateMachineUser("svc");

        var call = await Client.CallAsync(EmulatorClient.Users, "AddKey", new JsonObject { ["userId"] = user.UserId });

        var keyFile = JsonNode.Parse(Convert.FromBase64String(call.Text("keyContent")))!;
        Assert.Equal("serviceaccount", keyFile["type"]!.GetValue<string>());
        Assert.Equal(call.Text("keyId"), keyFile["keyId"]!.GetValue<string>());
        Assert.Equal(user.UserId, keyFile["userId"]!.GetValue<string>());
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", keyFile["key"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovePersonalAccessToken_Issued_TokenStopsWorking()
    {
        var user = Emulator.CreateMachineUser("svc", null, AdministratorGrant.Instance("IAM_OWNER_VIEWER"));
        var added = await Client.CallAsync(EmulatorClient.Users, "AddPersonalAccessToken",
            new JsonObject { ["userId"] = user.UserId });
        await Client.CallAsync(EmulatorClient.Users, "RemovePersonalAccessToken",
            new JsonObject { ["userId"] = user.UserId, ["tokenId"] = added.Text("tokenId") });
        Client.Token = added.Text("token");

        var call = await Client.CallAsync(EmulatorClient.Users, "ListUsers", []);

        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
    }

    private (SeededMachineUser User, string KeyId, RSA Key) Setup()
    {
        var user = Emulator.CreateMachineUser("svc", null, AdministratorGrant.Instance("IAM_OWNER_VIEWER"));
        var keyFile = JsonNode.Parse(Emulator.RegisterKey(user.UserId))!;
        var rsa = RSA.Create();
        rsa.ImportFromPem(keyFile["key"]!.GetValue<string>());
        return (user, keyFile["keyId"]!.GetValue<string>(), rsa);
    }

    private JsonObject Claims(SeededMachineUser user) =>
        JwtAssertion.Claims(user.UserId, user.UserId, Emulator.Issuer, Clock.GetUtcNow(), TimeSpan.FromHours(1));

    private async Task<EmulatorCall> ExchangeAsync(string assertion)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUri };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = assertion,
            ["scope"] = "openid urn:zitadel:iam:org:project:id:zitadel:aud",
        });
        var response = await http.PostAsync("oauth/v2/token", form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return new EmulatorCall(response.StatusCode, body, response);
    }
}
