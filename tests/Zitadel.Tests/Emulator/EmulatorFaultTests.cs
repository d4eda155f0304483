using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Faults;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorFaultTests : EmulatorTestBase
{
    [Fact]
    public async Task FailNext_RateLimited_Answers429WithRetryAfterThenRecovers()
    {
        Emulator.Faults.RetryAfter = TimeSpan.FromSeconds(3);
        Emulator.Faults.FailNext(2, FaultKind.RateLimited);

        var first = await ListAsync();
        var second = await ListAsync();
        var third = await ListAsync();

        Assert.Equal((HttpStatusCode.TooManyRequests, "resource_exhausted"), (first.Status, first.Code));
        Assert.Equal(TimeSpan.FromSeconds(3), first.Response.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
    }

    [Fact]
    public async Task FailNext_UnavailableForOneMethod_OtherMethodsPass()
    {
        Emulator.Faults.FailNext(1, FaultKind.Unavailable, "CreateUser");

        var list = await ListAsync();
        var create = await Client.CallAsync(EmulatorClient.Users, "CreateUser", Human("a@example.com"));

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "unavailable"), (create.Status, create.Code));
        Assert.DoesNotContain(Emulator.State.Users, user => user.Human is not null);
    }

    [Fact]
    public async Task FailPercentage_SeededRandom_FailsTheSameCallsEachRun()
    {
        var first = await RunPercentageAsync(seed: 7);
        var second = await RunPercentageAsync(seed: 7);

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Contains(HttpStatusCode.OK, first);
    }

    [Fact]
    public async Task DropBeforeApply_CreateUser_ConnectionFailsAndNothingIsWritten()
    {
        Emulator.Faults.FailNext(1, FaultKind.DropBeforeApply, "CreateUser");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Client.CallAsync(EmulatorClient.Users, "CreateUser", Human("a@example.com")));

        Assert.DoesNotContain(Emulator.State.Users, user => user.UserName == "a@example.com");
        Assert.Contains(Emulator.Requests.Entries, entry => entry is { Method: "CreateUser", StatusCode: 0 });
    }

    [Fact]
    public async Task DropAfterApply_CreateUser_ConnectionFailsButUserExists()
    {
        Emulator.Faults.FailNext(1, FaultKind.DropAfterApply, "CreateUser");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Client.CallAsync(EmulatorClient.Users, "CreateUser", Human("a@example.com")));
        var retry = await Client.CallAsync(EmulatorClient.Users, "CreateUser", Human("a@example.com"));

        Assert.Contains(Emulator.State.Users, user => user.UserName == "a@example.com");
        Assert.Equal(HttpStatusCode.Conflict, retry.Status);
    }

    [Fact]
    public async Task SetLatency_PerMethod_DelaysOnlyThatMethod()
    {
        Emulator.Faults.SetLatency(TimeSpan.FromMilliseconds(300), "ListUsers");

        var slow = Stopwatch.StartNew();
        await ListAsync();
        slow.Stop();
        var fast = Stopwatch.StartNew();
        await Client.GetUserAsync(Emulator.AdminUserId);
        fast.Stop();

        Assert.True(slow.Elapsed >= TimeSpan.FromMilliseconds(280), slow.Elapsed.ToString());
        Assert.True(fast.Elapsed < slow.Elapsed, fast.Elapsed.ToString());
    }

    [Fact]
    public async Task Clear_Armed_RemovesFaults()
    {
        Emulator.Faults.FailNext(5, FaultKind.Unavailable);
        Emulator.Faults.Clear();

        Assert.Equal(HttpStatusCode.OK, (await ListAsync()).Status);
    }

    private async Task<List<HttpStatusCode>> RunPercentageAsync(int seed)
    {
        Emulator.Faults.Clear();
        Emulator.Faults.FailPercentage(50, FaultKind.RateLimited, seed);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await ListAsync()).Status);
        }

        return statuses;
    }

    private Task<EmulatorCall> ListAsync() => Client.CallAsync(EmulatorClient.Users, "ListUsers", []);

    private JsonObject Human(string email) => new()
    {
        ["organizationId"] = Emulator.DefaultOrganizationId,
        ["human"] = new JsonObject
        {
            ["profile"] = new JsonObject { ["givenName"] = "A", ["familyName"] = "B" },
            ["email"] = new JsonObject { ["email"] = email },
        },
    };
}
