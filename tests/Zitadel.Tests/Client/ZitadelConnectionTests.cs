using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Zitadel.Users;

namespace Zitadel.Tests.Client;

public sealed class ZitadelConnectionTests
{
    private static HttpResponseMessage Ok() => FakeZitadelHandler.Json(HttpStatusCode.OK, "{}");

    private static HttpResponseMessage Error(HttpStatusCode status, string code, TimeSpan? retryAfter = null)
    {
        var response = FakeZitadelHandler.Json(status, $$"""{"code":"{{code}}","message":"nope"}""");
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    }

    private static CreateUserRequest NewUser() => new()
    {
        OrganizationId = "org-1",
        Human = new() { Profile = new() { GivenName = "Ada", FamilyName = "Lovelace" }, Email = new("ada@example.com") },
    };

    [Fact]
    public async Task CreateUser_WithPat_PostsConnectJsonWithBearerAndRequestOrg()
    {
        using var harness = new ClientHarness();

        await harness.Client.Users.CreateUserAsync(NewUser(), CancellationToken.None);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://zitadel.example.com/zitadel.user.v2.UserService/CreateUser", request.Uri.ToString());
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal($"Bearer {ClientHarness.Pat}", request.Header("Authorization"));
        Assert.Equal("org-1", request.Header("x-zitadel-orgid"));
    }

    [Fact]
    public async Task GetUserById_RequestWithoutOrg_SendsConfiguredOrg()
    {
        using var harness = new ClientHarness();

        await harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal("org-default", request.Header("x-zitadel-orgid"));
        Assert.Equal("""{"userId":"u1"}""", request.Body);
    }

    [Fact]
    public async Task Call_BaseUrlWithPathPrefix_KeepsThePrefix()
    {
        using var harness = new ClientHarness(o => o.BaseUrl = new Uri("http://proxy.local:8080/zitadel/"));

        await harness.Client.Users.DeleteUserAsync("u1", CancellationToken.None);

        Assert.Equal(
            "http://proxy.local:8080/zitadel/zitadel.user.v2.UserService/DeleteUser",
            Assert.Single(harness.Handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task ListOrganizations_InstanceLevelCall_SendsNoOrgHeader()
    {
        using var harness = new ClientHarness();

        await harness.Client.Organizations.ListOrganizationsAsync(new(), CancellationToken.None);

        Assert.Null(Assert.Single(harness.Handler.Requests).Header("x-zitadel-orgid"));
    }

    [Fact]
    public async Task Call_NoAnswerWithinTimeout_ThrowsDeadlineExceeded()
    {
        using var harness = new ClientHarness(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.Retry.MaxAttempts = 1;
        });
        harness.Handler.Api = async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Ok();
        };

        var call = harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None);
        await harness.Handler.WaitForRequestsAsync(1);
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ZitadelException>(() => call);
        Assert.Equal(ZitadelErrorCode.DeadlineExceeded, error.Code);
        Assert.Null(error.StatusCode);
        Assert.Equal("GetUserByID", error.Method);
    }

    [Fact]
    public async Task Call_TooManyRequestsWithRetryAfter_WaitsRetryAfterThenSucceeds()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => Error(HttpStatusCode.TooManyRequests, "resource_exhausted", TimeSpan.FromSeconds(3)), Ok);

        var call = harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None);
        var delay = await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), delay);
        Assert.Single(harness.Handler.Requests);
        harness.Time.Advance(delay);
        await call;

        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Call_RetryAfterBeyondCap_WaitsOnlyTheCap()
    {
        using var harness = new ClientHarness(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(5));
        harness.Handler.AnswerInOrder(() => Error(HttpStatusCode.TooManyRequests, "resource_exhausted", TimeSpan.FromMinutes(10)), Ok);

        var call = harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None);
        var delay = await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout);
        harness.Time.Advance(delay);
        await call;

        Assert.Equal(TimeSpan.FromSeconds(5), delay);
    }

    [Fact]
    public async Task Call_ServiceUnavailableWithoutRetryAfter_RetriesWithExponentialBackoff()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(
            () => Error(HttpStatusCode.ServiceUnavailable, "unavailable"),
            () => Error(HttpStatusCode.ServiceUnavailable, "unavailable"),
            Ok);

        var call = harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None);
        var first = await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout);
        harness.Time.Advance(first);
        var second = await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout);
        harness.Time.Advance(second);
        await call;

        Assert.Equal(TimeSpan.FromMilliseconds(200), first);
        Assert.Equal(TimeSpan.FromMilliseconds(400), second);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Call_AlwaysUnavailable_StopsAfterMaxAttempts()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => Error(HttpStatusCode.ServiceUnavailable, "unavailable"));

        var call = harness.Client.Users.ListUsersAsync(new(), CancellationToken.None);
        for (var retry = 0; retry < 3; retry++)
        {
            harness.Time.Advance(await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout));
        }

        var error = await Assert.ThrowsAsync<ZitadelException>(() => call);
        Assert.Equal(ZitadelErrorCode.Unavailable, error.Code);
        Assert.Equal(4, harness.Handler.Requests.Count);
        Assert.Equal([1, 2, 3, 4], harness.Observer.Calls.Select(c => c.Attempt));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData(HttpStatusCode.BadRequest, "failed_precondition")]
    [InlineData(HttpStatusCode.NotFound, "not_found")]
    [InlineData(HttpStatusCode.Conflict, "already_exists")]
    [InlineData(HttpStatusCode.Forbidden, "permission_denied")]
    [InlineData(HttpStatusCode.InternalServerError, "internal")]
    public async Task Call_ClientOrServerError_IsNotRetried(HttpStatusCode status, string code)
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => Error(status, code), Ok);

        await Assert.ThrowsAsync<ZitadelException>(
            () => harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task CreateUser_ServiceUnavailable_IsRetriedBecauseNothingExecuted()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => Error(HttpStatusCode.ServiceUnavailable, "unavailable"), Ok);

        var call = harness.Client.Users.CreateUserAsync(NewUser(), CancellationToken.None);
        harness.Time.Advance(await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout));
        await call;

        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.GatewayTimeout, "deadline_exceeded")]
    [InlineData(HttpStatusCode.BadGateway, "unavailable")]
    public async Task CreateUser_AnswerAfterItMayHaveExecuted_IsNotRetried(HttpStatusCode status, string code)
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => Error(status, code), Ok);

        await Assert.ThrowsAsync<ZitadelException>(
            () => harness.Client.Users.CreateUserAsync(NewUser(), CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task CreateUser_ConnectionLostAfterSending_IsNotRetried()
    {
        using var harness = new ClientHarness();
        harness.Handler.Api = (_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset");

        var error = await Assert.ThrowsAsync<ZitadelException>(
            () => harness.Client.Users.CreateUserAsync(NewUser(), CancellationToken.None));

        Assert.Equal(ZitadelErrorCode.Unavailable, error.Code);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task CreateUser_ConnectionNeverOpened_IsRetried()
    {
        using var harness = new ClientHarness();
        var attempts = 0;
        harness.Handler.Api = (_, _) => Interlocked.Increment(ref attempts) == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")
            : Task.FromResult(Ok());

        var call = harness.Client.Users.CreateUserAsync(NewUser(), CancellationToken.None);
        harness.Time.Advance(await harness.Time.NextTimerAsync(below: ClientHarness.LongTimeout));
        await call;

        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task CreateUser_Timeout_IsNotRetried()
    {
        using var harness = new ClientHarness(o => o.Timeout = TimeSpan.FromSeconds(10));
        harness.Handler.Api = async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Ok();
        };

        var call = harness.Client.Users.CreateUserAsync(NewUser(), CancellationToken.None);
        await harness.Handler.WaitForRequestsAsync(1);
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ZitadelException>(() => call);
        Assert.Equal(ZitadelErrorCode.DeadlineExceeded, error.Code);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task DeactivateUser_GatewayTimeout_IsNotRetried()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => Error(HttpStatusCode.GatewayTimeout, "deadline_exceeded"), Ok);

        await Assert.ThrowsAsync<ZitadelException>(
            () => harness.Client.Users.DeactivateUserAsync("u1", CancellationToken.None));

        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Call_Success_ReportsOneObservedCall()
    {
        using var harness = new ClientHarness();

        await harness.Client.Users.GetUserByIdAsync("u1", CancellationToken.None);

        var call = Assert.Single(harness.Observer.Calls);
        Assert.Equal(("GetUserByID", 200, ZitadelErrorCode.None, 1), (call.Method, call.StatusCode, call.Code, call.Attempt));
    }

    [Fact]
    public async Task Call_ErrorWithPat_NoCredentialInExceptionText()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => Error(HttpStatusCode.Forbidden, "permission_denied"));

        var error = await Assert.ThrowsAsync<ZitadelException>(
            () => harness.Client.Users.CreateUserAsync(NewUser(), CancellationToken.None));

        Assert.DoesNotContain(ClientHarness.Pat, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("CreateUser", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_CallerCancels_ThrowsOperationCanceled()
    {
        using var harness = new ClientHarness();
        using var cancellation = new CancellationTokenSource();
        harness.Handler.Api = async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Ok();
        };

        var call = harness.Client.Users.GetUserByIdAsync("u1", cancellation.Token);
        await harness.Handler.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Call_EmptySuccessBody_ReadsAsEmptyMessage()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => new HttpResponseMessage(HttpStatusCode.OK));

        var response = await harness.Client.Users.DeleteUserAsync("u1", CancellationToken.None);

        Assert.Null(response.Details);
        _ = JsonDocument.Parse(Assert.Single(harness.Handler.Requests).Body);
    }
}
