using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.Status;

namespace ScimEndpoint.IntegrationTests.Status;

/// <summary>
/// The endpoint against the Kubernetes API emulator: provisioning activity reaches the ScimTenant and the ScimKey,
/// once per interval, without touching what the operator wrote. Time is a <see cref="FakeTimeProvider"/>, so an
/// interval passes exactly when the test advances it.
/// </summary>
public sealed class ProvisioningStatusReporterTests : IAsyncLifetime
{
    private const string Token = StatusCluster.Token;
    private static readonly TimeSpan OneInterval = StatusCluster.OneInterval;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly RecordingClock _time = new(Start);
    private StatusCluster _cluster = null!;
    private ScimServer _server = null!;
    private string _keySetDirectory = null!;
    private HttpClient _client = null!;
    private ProvisioningStatusReporter _reporter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StatusCluster.StartAsync();
        _keySetDirectory = Directory.CreateTempSubdirectory("scim-status-keys-").FullName;
        var keySetPath = await StatusCluster.WriteKeySetAsync(_keySetDirectory);
        _server = await ScimServer.StartAsync(
            _cluster.EndpointSettings(keySetPath),
            configure: builder => builder.Services.AddSingleton<TimeProvider>(_time));
        _client = _server.CreateClient(Token);
        _reporter = _server.App.Services.GetRequiredService<ProvisioningStatusReporter>();

        // The reporter starts in the background: the clock must not move before its first wait is armed.
        await ScimServer.WaitUntilAsync(() => Task.FromResult(_reporter.Waits > 0));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_keySetDirectory, recursive: true);
    }

    [Fact]
    public async Task Activity_ReachesTenantAndKeyStatus_KeepingTheOperatorsFields()
    {
        Assert.Equal(HttpStatusCode.Created, await CreateUserAsync("ada"));
        Assert.Equal(HttpStatusCode.OK, await RecordedAsync(() => _client.GetAsync("Users?filter=userName eq \"ada\"")));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Conflict, await CreateUserAsync("ada"));

        await PassAsync();

        var tenant = await _cluster.GetAsync("scimtenants", StatusCluster.TenantName);
        var provisioning = tenant["status"]!["provisioning"]!;
        Assert.Equal("2026-03-01T10:00:00Z", provisioning["lastSuccessTime"]!.GetValue<string>());
        Assert.Equal(3, provisioning["requestsLastHour"]!.GetValue<long>());
        Assert.Equal(1, provisioning["failuresLastHour"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"time":"2026-03-01T10:00:03Z","operation":"POST User","status":409,
             "detail":"uniqueness: a value that must be unique is already in use"}
            """), provisioning["lastFailure"]));
        Assert.Equal(42, provisioning["users"]!.GetValue<long>());
        Assert.Equal(7, provisioning["groups"]!.GetValue<long>());
        Assert.Equal("Ready", tenant["status"]!["conditions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(1, tenant["status"]!["observedGeneration"]!.GetValue<long>());

        var key = await _cluster.GetAsync("scimkeys", StatusCluster.KeyName);
        Assert.Equal("2026-03-01T10:00:03Z", key["status"]!["lastUsedTime"]!.GetValue<string>());
        Assert.Equal(1, key["status"]!["revision"]!.GetValue<long>());
        Assert.Equal("Issued", key["status"]!["conditions"]![0]!["reason"]!.GetValue<string>());

        var metrics = await _server.Management.GetStringAsync("metrics");
        Assert.Contains("scim_status_writes_total{tenant=\"default\",object=\"tenant\",result=\"success\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("scim_status_writes_total{tenant=\"default\",object=\"key\",result=\"success\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_AtMostOncePerObjectPerInterval_AndNoneWithoutChange()
    {
        Assert.Equal(HttpStatusCode.Created, await CreateUserAsync("ada"));
        await PassAsync();
        Assert.Equal(1, _cluster.StatusPatches("scimtenants", StatusCluster.TenantName));
        Assert.Equal(1, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName));

        // Nothing happened: a pass writes nothing.
        await PassAsync();
        Assert.Equal(1, _cluster.StatusPatches("scimtenants", StatusCluster.TenantName));
        Assert.Equal(1, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName));

        // Five requests within one interval: no pass before it ends, one write per object after.
        var passes = _reporter.Waits;
        var fired = _time.Fired.Count;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await CreateUserAsync("user" + i));
            _time.Advance(TimeSpan.FromSeconds(1.9));
        }

        // The fake clock ends a wait only inside Advance, on this thread: had the reporter's wait ended within the
        // 9.5 s, it would be listed now. The key-set poll's timer is the only other one on this clock.
        Assert.DoesNotContain(_time.Fired.Skip(fired), due => due != ScimServer.KeySetPollInterval);
        Assert.Equal(passes, _reporter.Waits);
        Assert.Equal(1, _cluster.StatusPatches("scimtenants", StatusCluster.TenantName));

        await PassAsync();
        Assert.Equal(2, _cluster.StatusPatches("scimtenants", StatusCluster.TenantName));
        Assert.Equal(2, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName));
        var provisioning = (await _cluster.GetAsync("scimtenants", StatusCluster.TenantName))["status"]!["provisioning"]!;
        Assert.Equal(6, provisioning["requestsLastHour"]!.GetValue<long>());

        // An hour on, the counts fall to zero: a change, written once.
        _time.Advance(TimeSpan.FromHours(1));
        await PassAsync();
        await PassAsync();
        Assert.Equal(3, _cluster.StatusPatches("scimtenants", StatusCluster.TenantName));
        provisioning = (await _cluster.GetAsync("scimtenants", StatusCluster.TenantName))["status"]!["provisioning"]!;
        Assert.Equal(0, provisioning["requestsLastHour"]!.GetValue<long>());
        Assert.Equal("2026-03-01T10:00:32Z", provisioning["lastSuccessTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletedKey_IsDroppedAfterOneNotFound()
    {
        Assert.Equal(HttpStatusCode.Created, await CreateUserAsync("ada"));
        await PassAsync();
        await _cluster.DeleteAsync("scimkeys", StatusCluster.KeyName);

        Assert.Equal(HttpStatusCode.Created, await CreateUserAsync("bob"));
        await PassAsync();
        Assert.Equal(1, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName, statusCode: 404));

        await PassAsync();
        await PassAsync();
        Assert.Equal(2, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName));
        Assert.Equal(2, _cluster.StatusPatches("scimtenants", StatusCluster.TenantName));
    }

    [Fact]
    public async Task MissingTenant_IsRetriedEachIntervalUntilItExists()
    {
        await _cluster.DeleteAsync("scimtenants", StatusCluster.TenantName);
        Assert.Equal(HttpStatusCode.Created, await CreateUserAsync("ada"));

        await PassAsync();
        await PassAsync();
        // The tenant's status is read before each write (ReplicaCounts): a missing tenant ends there.
        Assert.Equal(2, _cluster.StatusRequests("get", "scimtenants", StatusCluster.TenantName, statusCode: 404));
        Assert.Equal(0, _cluster.StatusPatches("scimtenants", StatusCluster.TenantName));
        Assert.Equal(1, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName, statusCode: 200));

        _cluster.Emulator.Faults.FailNext(503, match: r => r.Resource == "scimkeys");
        Assert.Equal(HttpStatusCode.OK, await RecordedAsync(() => _client.GetAsync("Users")));
        await PassAsync();
        Assert.Equal(1, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName, statusCode: 503));
        await PassAsync();
        Assert.Equal(2, _cluster.StatusPatches("scimkeys", StatusCluster.KeyName, statusCode: 200));

        var metrics = await _server.Management.GetStringAsync("metrics");
        Assert.Contains("scim_status_writes_total{tenant=\"default\",object=\"tenant\",result=\"not_found\"} 4", metrics, StringComparison.Ordinal);
        Assert.Contains("scim_status_writes_total{tenant=\"default\",object=\"key\",result=\"error\"} 1", metrics, StringComparison.Ordinal);
    }

    /// <summary>Lets one interval pass on the fake clock and waits until the reporter has finished that pass.</summary>
    private async Task PassAsync()
    {
        var before = _reporter.Waits;
        _time.Advance(OneInterval);
        await ScimServer.WaitUntilAsync(() => Task.FromResult(_reporter.Waits > before), TestTimeouts.Request);
    }

    /// <summary>A fake clock that lists the due time of every timer it has fired, in order.</summary>
    private sealed class RecordingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly ConcurrentQueue<TimeSpan> _fired = new();

        public IReadOnlyList<TimeSpan> Fired => [.. _fired];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(
                s =>
                {
                    _fired.Enqueue(dueTime);
                    callback(s);
                },
                state, dueTime, period);
    }

    private Task<HttpStatusCode> CreateUserAsync(string userName) =>
        RecordedAsync(() => _client.PostAsync(
            "Users", new StringContent(ScimRequests.User(userName), Encoding.UTF8, "application/scim+json")));

    /// <summary>
    /// Sends a provisioning request and waits until the endpoint has recorded it: recording follows the response, so
    /// the client can have the answer first, and the test must not move the clock before it is recorded.
    /// </summary>
    private async Task<HttpStatusCode> RecordedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var activity = _server.App.Services.GetRequiredService<ProvisioningActivity>();
        var before = activity.Snapshot().RequestsLastHour;
        using var response = await send();
        await ScimServer.WaitUntilAsync(() => Task.FromResult(activity.Snapshot().RequestsLastHour > before));
        return response.StatusCode;
    }
}
