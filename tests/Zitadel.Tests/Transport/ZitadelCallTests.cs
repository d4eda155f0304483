using System.Net;
using Zitadel.Tests.Client;
using Zitadel.Transport;

namespace Zitadel.Tests.Transport;

/// <summary>What a call observer sees (the metrics hook of both hosts), and the build stamp.</summary>
public sealed class ZitadelCallTests
{
    [Theory]
    [InlineData(0, "ok")]
    [InlineData(5, "not_found")]
    [InlineData(4, "deadline_exceeded")]
    [InlineData(8, "resource_exhausted")]
    [InlineData(14, "unavailable")]
    [InlineData(16, "unauthenticated")]
    [InlineData(99, "unknown")]
    public void CodeLabel_IsTheGrpcCodeInSnakeCase(int grpcCode, string expected)
    {
        var call = new ZitadelCall("UserService", "CreateUser", 200, (ZitadelErrorCode)grpcCode, TimeSpan.Zero, 1);

        Assert.Equal(expected, call.CodeLabel);
    }

    [Fact]
    public void CodeLabel_MatchesTheConnectCodeZitadelSends()
    {
        // The label of a parsed error is the code name ZITADEL put in the body.
        foreach (var name in new[] { "invalid_argument", "failed_precondition", "already_exists", "permission_denied", "data_loss" })
        {
            var error = ZitadelErrorParser.Parse("M", 400, System.Text.Encoding.UTF8.GetBytes($$"""{"code":"{{name}}"}"""), null);
            Assert.Equal(name, new ZitadelCall("S", "M", 400, error.Code, TimeSpan.Zero, 1).CodeLabel);
        }
    }

    [Fact]
    public async Task Observer_SeesServiceMethodCodeAndEveryAttemptOfARetriedCall()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(
            () => FakeZitadelHandler.Json(HttpStatusCode.ServiceUnavailable, """{"code":"unavailable","message":"down"}"""),
            () => FakeZitadelHandler.Json(HttpStatusCode.OK, "{}"));

        var call = harness.Client.Users.GetUserByIdAsync("u-42", CancellationToken.None);
        harness.Time.Advance(await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout));
        await call;

        Assert.Collection(
            harness.Observer.Calls,
            first => Assert.Equal(("UserService", "GetUserByID", 503, "unavailable", false), (first.Service, first.Method, first.StatusCode, first.CodeLabel, first.IsRetry)),
            second => Assert.Equal(("UserService", "GetUserByID", 200, "ok", true), (second.Service, second.Method, second.StatusCode, second.CodeLabel, second.IsRetry)));
        Assert.DoesNotContain(harness.Observer.Calls, c => c.Method.Contains("u-42", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.1.0+52e1fac3cac7eddf28022c87132c649c5124de4c", "0.1.0", "52e1fac3cac7eddf28022c87132c649c5124de4c")]
    [InlineData("0.2.0-rc.1+abc", "0.2.0-rc.1", "abc")]
    [InlineData("0.1.0", "0.1.0", "unknown")]
    [InlineData("0.1.0+", "0.1.0", "unknown")]
    [InlineData(null, "0.0.0", "unknown")]
    public void BuildInfo_SplitsVersionAndCommit(string? informational, string version, string commit)
    {
        var build = BuildInfo.FromInformationalVersion(informational, "10.0.1");

        Assert.Equal(new BuildInfo(version, commit, "10.0.1"), build);
    }

    [Fact]
    public void BuildInfo_Current_CarriesTheStampedVersionAndTheRuntime()
    {
        var build = BuildInfo.Current;

        Assert.Equal(ProductVersion(), build.Version);
        Assert.Matches("^([0-9a-f]{40}|unknown)$", build.Commit);
        Assert.Equal(Environment.Version.ToString(), build.DotnetVersion);
    }

    private static string ProductVersion()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var props = Path.Combine(directory.FullName, "Directory.Build.props");
            if (File.Exists(Path.Combine(directory.FullName, "ScimOperator.sln")))
            {
                var text = File.ReadAllText(props);
                var start = text.IndexOf("<Version>", StringComparison.Ordinal) + "<Version>".Length;
                return text[start..text.IndexOf("</Version>", start, StringComparison.Ordinal)];
            }
        }

        throw new InvalidOperationException("ScimOperator.sln not found");
    }
}
