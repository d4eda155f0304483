using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScimEndpoint.Http;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.Status;

namespace ScimEndpoint.IntegrationTests.Status;

public sealed class ProvisioningActivityTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 30, TimeSpan.Zero);
    private static readonly ScimRoute CreateUser = ScimRoute.For("User", "create");
    private static readonly ScimRoute GetUser = ScimRoute.For("User", "get");
    private static readonly ScimRoute DeleteGroup = ScimRoute.For("Group", "delete");
    private static readonly ScimRoute PatchGroup = ScimRoute.For("Group", "patch");

    [Fact]
    public void Counts_OverTheLastHour_RollOffMinuteByMinute()
    {
        var time = new FakeTimeProvider(Start);
        var activity = new ProvisioningActivity(time);

        activity.RequestCompleted(CreateUser, 201, null, null);
        activity.RequestCompleted(CreateUser, 503, null, null);
        time.Advance(TimeSpan.FromMinutes(30));
        activity.RequestCompleted(PatchGroup, 204, null, null);
        Assert.Equal((3, 1), Counts(activity.Snapshot()));

        time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal((3, 1), Counts(activity.Snapshot()));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 0), Counts(activity.Snapshot()));

        // An hour later the bucket of the first minute is reused: its old counts must not come back.
        time.Advance(TimeSpan.FromMinutes(30));
        activity.RequestCompleted(CreateUser, 201, null, null);
        Assert.Equal((1, 0), Counts(activity.Snapshot()));

        time.Advance(TimeSpan.FromHours(3));
        var snapshot = activity.Snapshot();
        Assert.Equal((0, 0), Counts(snapshot));
        Assert.False(snapshot.IsEmpty);
        Assert.Equal(Start + TimeSpan.FromMinutes(90), snapshot.LastSuccessTime);
    }

    [Fact]
    public void Outcomes_404OnGetOrDelete_IsNeitherSuccessNorFailure()
    {
        var activity = new ProvisioningActivity(new FakeTimeProvider(Start));

        activity.RequestCompleted(GetUser, 404, null, null);
        activity.RequestCompleted(DeleteGroup, 404, null, null);
        var snapshot = activity.Snapshot();

        Assert.Equal((2, 0), Counts(snapshot));
        Assert.Null(snapshot.LastSuccessTime);
        Assert.Null(snapshot.LastFailure);

        activity.RequestCompleted(PatchGroup, 404, null, null);
        Assert.Equal(new ProvisioningFailure(Start, "PATCH Group", 404, "the resource does not exist"),
            activity.Snapshot().LastFailure);
    }

    [Fact]
    public void Outcomes_DiscoveryAndUnmatched_AreNotProvisioning()
    {
        var activity = new ProvisioningActivity(new FakeTimeProvider(Start));

        activity.RequestCompleted(ScimRoute.Schemas, 200, null, "acme-entra.t1");
        activity.RequestCompleted(ScimRoute.Unmatched, 404, null, null);
        activity.RequestCompleted(ScimRoute.Search, 400, "invalidFilter", null);

        Assert.True(activity.Snapshot().IsEmpty);
        Assert.Equal(Start, activity.KeysLastUsed()["acme-entra"]);
    }

    [Fact]
    public void Failure_ScimType_IsReportedWithAFixedDescription()
    {
        var time = new FakeTimeProvider(Start + TimeSpan.FromMilliseconds(700));
        var activity = new ProvisioningActivity(time);

        activity.RequestCompleted(CreateUser, 409, "uniqueness", null);

        Assert.Equal(
            new ProvisioningFailure(Start, "POST User", 409, "uniqueness: a value that must be unique is already in use"),
            activity.Snapshot().LastFailure);
    }

    [Theory]
    [InlineData("acme-entra.0001", "acme-entra")]
    [InlineData("acme-entra.0001.extra", "acme-entra")]
    [InlineData("hand-written", "hand-written")]
    public void KeyName_IsThePartBeforeTheFirstDot(string keyId, string expected) =>
        Assert.Equal(expected, ProvisioningActivity.KeyName(keyId));

    [Fact]
    public void KeysLastUsed_TokensOfOneKey_ReportTheLatestUse()
    {
        var time = new FakeTimeProvider(Start);
        var activity = new ProvisioningActivity(time);

        activity.RequestCompleted(GetUser, 200, null, "acme-entra.2");
        time.Advance(TimeSpan.FromSeconds(5));
        activity.RequestCompleted(GetUser, 200, null, "acme-entra.1");
        activity.RequestCompleted(GetUser, 200, null, "other.1");

        Assert.Equal(Start + TimeSpan.FromSeconds(5), activity.KeysLastUsed()["acme-entra"]);
        Assert.Equal(2, activity.KeysLastUsed().Count);

        activity.ForgetKey("acme-entra");
        Assert.Equal(["other"], activity.KeysLastUsed().Keys);
    }

    [Fact]
    public async Task Failure_FromARealRequest_CarriesNoPersonalData()
    {
        const string userName = "jane.doe@contoso.example";
        await using var server = await ScimServer.StartAsync();
        var activity = server.App.Services.GetRequiredService<ProvisioningActivity>();
        var created = await server.Client.PostAsync("Users", Scim(ScimRequests.User(userName)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        // The error's own detail echoes the path, e-mail included; the reported failure must not.
        var path = $"emails[value eq \"{userName}\"].nope";
        var patched = await server.Client.PatchAsync($"Users/{id}", Scim(ScimRequests.Patch(("replace", path, "x"))));
        var error = await patched.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Contains(userName, error, StringComparison.Ordinal);

        // Recorded after the response is sent, so possibly a moment after the client has it.
        await ScimServer.WaitUntilAsync(() => Task.FromResult(activity.Snapshot().LastFailure is not null));
        var failure = activity.Snapshot().LastFailure;
        Assert.NotNull(failure);
        Assert.Equal("PATCH User", failure.Operation);
        Assert.Equal(400, failure.Status);
        var reported = failure.ToString();
        Assert.DoesNotContain("jane", reported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("contoso", reported, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(id, reported, StringComparison.Ordinal);
        Assert.StartsWith(JsonNode.Parse(error)!["scimType"]!.GetValue<string>() + ": ", failure.Detail, StringComparison.Ordinal);
    }

    private static (long, long) Counts(ProvisioningSnapshot snapshot) => (snapshot.RequestsLastHour, snapshot.FailuresLastHour);

    private static StringContent Scim(string json) => new(json, Encoding.UTF8, "application/scim+json");
}
