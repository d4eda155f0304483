using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorHostingTests : EmulatorTestBase
{
    [Fact]
    public void StartAsync_Loopback_ExposesBaseUriAdminAndDefaultOrg()
    {
        Assert.Equal("127.0.0.1", Emulator.BaseUri.Host);
        Assert.NotEqual(0, Emulator.BaseUri.Port);
        Assert.False(string.IsNullOrEmpty(Emulator.AdminPat));
        Assert.Contains(Emulator.State.Organizations, org => org.Id == Emulator.DefaultOrganizationId);
        Assert.Contains(Emulator.State.Administrators, admin => admin.Roles.Contains("IAM_OWNER"));
    }

    [Fact]
    public async Task Call_UnknownMethod_Returns404Unimplemented()
    {
        var call = await Client.CallAsync(EmulatorClient.Users, "NoSuchMethod", []);

        Assert.Equal(HttpStatusCode.NotFound, call.Status);
        Assert.Equal("unimplemented", call.Code);
    }

    [Fact]
    public async Task Call_ConnectJsonContentType_Returns415()
    {
        var call = await Client.SendAsync(HttpMethod.Post, $"{EmulatorClient.Users}/ListUsers", [],
            "application/connect+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, call.Status);
    }

    [Fact]
    public async Task Call_NoBearer_Returns401AuthHeaderMissing()
    {
        Client.Token = null;

        var call = await Client.CallAsync(EmulatorClient.Users, "ListUsers", []);

        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        Assert.Equal("unauthenticated", call.Code);
        Assert.Contains("auth header missing", call.Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UnknownToken_Returns401()
    {
        Client.Token = "not-a-token";

        var call = await Client.CallAsync(EmulatorClient.Users, "ListUsers", []);

        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        Assert.Equal("unauthenticated", call.Code);
    }

    [Fact]
    public async Task Call_ErrorInConnectShape_HasCodeMessageAndDetailWithDebugAndBase64Value()
    {
        var call = await Client.GetUserAsync("404");

        Assert.Equal(HttpStatusCode.NotFound, call.Status);
        Assert.Equal("not_found", call.Code);
        var detail = call.Body["details"]![0]!;
        Assert.Equal("zitadel.v1.ErrorDetail", detail["type"]!.GetValue<string>());
        Assert.NotEmpty(Convert.FromBase64String(detail["value"]!.GetValue<string>()));
        Assert.EndsWith($"({call.ErrorId})", call.Text("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"query\":{\"limit\":1.5}}")]
    [InlineData("{\"query\":{\"limit\":\"many\"}}")]
    [InlineData("{\"queries\":{}}")]
    [InlineData("not json")]
    public async Task Call_MalformedMessage_Returns400InvalidArgument(string body)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUri };
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        http.DefaultRequestHeaders.Authorization = new("Bearer", Emulator.AdminPat);

        var response = await http.PostAsync($"{EmulatorClient.Users}/ListUsers", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_argument", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_Get_NamesIssuerAndTokenEndpoint()
    {
        var call = await Client.SendAsync(HttpMethod.Get, ".well-known/openid-configuration", null);

        Assert.Equal(Emulator.Issuer, call.Text("issuer"));
        Assert.Equal(Emulator.Issuer + "/oauth/v2/token", call.Text("token_endpoint"));
    }

    [Fact]
    public async Task RequestLog_Calls_RecordMethodOrgHeaderAndStatus()
    {
        Client.OrgHeader = Emulator.DefaultOrganizationId;
        await Client.CallAsync(EmulatorClient.Users, "ListUsers", new JsonObject { ["unknownField"] = 1 });
        await Client.GetUserAsync("missing");

        Assert.Collection(Emulator.Requests.Entries,
            entry => Assert.Equal(("ListUsers", Emulator.DefaultOrganizationId, 200),
                (entry.Method, entry.OrganizationHeader, entry.StatusCode)),
            entry => Assert.Equal(("GetUserByID", 404), (entry.Method, entry.StatusCode)));
        Assert.Equal(1, Emulator.Requests.Count("ListUsers"));
    }
}
