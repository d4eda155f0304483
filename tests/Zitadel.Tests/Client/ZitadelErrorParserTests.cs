using System.Text;
using Zitadel.Transport;

namespace Zitadel.Tests.Client;

public sealed class ZitadelErrorParserTests
{
    private static ZitadelException Parse(int status, string body) =>
        ZitadelErrorParser.Parse("CreateUser", status, Encoding.UTF8.GetBytes(body), retryAfter: null);

    [Fact]
    public void Parse_ConnectBody_ReadsCodeIdAndMessage()
    {
        var error = Parse(409, """
            {"code":"already_exists","message":"User already exists (V3-DKcYh)","details":[{"type":"zitadel.v1.ErrorDetail",
            "value":"CghWMy1ES2NZaA==","debug":{"id":"V3-DKcYh","message":"User already exists"}}]}
            """);

        Assert.Equal(ZitadelErrorCode.AlreadyExists, error.Code);
        Assert.True(error.IsAlreadyExists);
        Assert.Equal(409, error.StatusCode);
        Assert.Equal("V3-DKcYh", error.ErrorId);
        Assert.Equal("User already exists (V3-DKcYh)", error.ZitadelMessage);
        Assert.Equal("CreateUser", error.Method);
    }

    [Fact]
    public void Parse_GatewayBody_ReadsNumericCodeAndDetailId()
    {
        var error = Parse(400, """
            {"code":9,"message":"Errors.User.AlreadyExisting (COMMAND-7yiox1isql)",
            "details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"COMMAND-7yiox1isql","message":"x"}]}
            """);

        Assert.Equal(ZitadelErrorCode.FailedPrecondition, error.Code);
        Assert.True(error.IsFailedPrecondition);
        Assert.Equal("COMMAND-7yiox1isql", error.ErrorId);
    }

    [Fact]
    public void Parse_NoDetails_TakesIdFromMessageSuffix()
    {
        var error = Parse(404, """{"code":"not_found","message":"User could not be found (COMMAND-ugjs0upun6)"}""");

        Assert.True(error.IsNotFound);
        Assert.Equal("COMMAND-ugjs0upun6", error.ErrorId);
    }

    [Fact]
    public void Parse_HtmlFromProxy_ClassifiesByStatus()
    {
        var error = Parse(502, "<html><body>Bad Gateway</body></html>");

        Assert.Equal(ZitadelErrorCode.Unavailable, error.Code);
        Assert.Null(error.ErrorId);
        Assert.Null(error.ZitadelMessage);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "", (int)ZitadelErrorCode.Unauthenticated)]
    [InlineData(429, "", (int)ZitadelErrorCode.ResourceExhausted)]
    [InlineData(504, "upstream timed out", (int)ZitadelErrorCode.DeadlineExceeded)]
    [InlineData(418, "{\"unexpected\":true}", (int)ZitadelErrorCode.Unknown)]
    [InlineData(400, "{\"code\":\"brand_new_code\"}", (int)ZitadelErrorCode.Unknown)]
    public void Parse_UnrecognizedBody_FallsBackToStatusOrUnknown(int status, string body, int expected)
    {
        Assert.Equal((ZitadelErrorCode)expected, Parse(status, body).Code);
    }

    [Fact]
    public void Parse_OAuthError_IsUnauthenticated()
    {
        var error = Parse(400, """{"error":"invalid_grant","error_description":"assertion expired"}""");

        Assert.True(error.IsUnauthenticated);
        Assert.Equal("invalid_grant: assertion expired", error.ZitadelMessage);
    }

    [Fact]
    public void Message_ContainsMethodStatusCodeIdAndZitadelMessage()
    {
        var error = Parse(409, """{"code":"already_exists","message":"User already exists (V3-DKcYh)"}""");

        Assert.Equal(
            "ZITADEL CreateUser failed (HTTP 409, AlreadyExists) [V3-DKcYh]: User already exists (V3-DKcYh)",
            error.Message);
    }
}
