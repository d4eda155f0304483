using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.Status;

namespace ScimEndpoint.IntegrationTests.Status;

/// <summary>
/// Two endpoint replicas of one tenant report to the same ScimTenant: the totals are the sum of both replicas'
/// entries (not the last writer's own counts), and a replica that stops reporting drops out of the sum.
/// </summary>
public sealed class ProvisioningStatusReplicasTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private StatusCluster _cluster = null!;
    private string _keySetDirectory = null!;
    private Replica _a = null!;
    private Replica _b = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StatusCluster.StartAsync();
        _keySetDirectory = Directory.CreateTempSubdirectory("scim-status-replicas-").FullName;
        var keySetPath = await StatusCluster.WriteKeySetAsync(_keySetDirectory);
        _a = await Replica.StartAsync("acme-scim-a", keySetPath, _cluster, _time);
        _b = await Replica.StartAsync("acme-scim-b", keySetPath, _cluster, _time);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_keySetDirectory, recursive: true);
    }

    [Fact]
    public async Task TwoReplicas_TotalsAreTheSumOfBoth_AndAStoppedReplicaExpires()
    {
        await _a.CreateUserAsync("ada");
        await _a.CreateUserAsync("bob");
        await _b.CreateUserAsync("cy");

        // Both write in the same pass: one may meet the other's write (409) and writes again in the next pass.
        await PassAsync(_a, _b);
        await PassAsync(_a, _b);
        var provisioning = await ProvisioningAsync();
        Assert.Equal(3, provisioning["requestsLastHour"]!.GetValue<long>());
        Assert.Equal(2, provisioning["replicas"]!["acme-scim-a"]!["requestsLastHour"]!.GetValue<long>());
        Assert.Equal(1, provisioning["replicas"]!["acme-scim-b"]!["requestsLastHour"]!.GetValue<long>());
        Assert.Equal(0, _cluster.StatusRequests("patch", "scimtenants", StatusCluster.TenantName, statusCode: 500));

        // Replica b stops; a keeps its entry fresh, and after six intervals b no longer counts.
        await _b.DisposeAsync();
        for (var i = 0; i < 7; i++)
        {
            await PassAsync(_a);
        }

        provisioning = await ProvisioningAsync();
        Assert.Equal(2, provisioning["requestsLastHour"]!.GetValue<long>());
        Assert.Equal(["acme-scim-a"], provisioning["replicas"]!.AsObject().Select(e => e.Key));
    }

    private async Task<JsonObject> ProvisioningAsync() =>
        (await _cluster.GetAsync("scimtenants", StatusCluster.TenantName))["status"]!["provisioning"]!.AsObject();

    /// <summary>Lets one interval pass on the shared fake clock and waits until each replica has finished its pass.</summary>
    private async Task PassAsync(params Replica[] replicas)
    {
        var before = replicas.Select(r => r.Reporter.Waits).ToArray();
        _time.Advance(StatusCluster.OneInterval);
        for (var i = 0; i < replicas.Length; i++)
        {
            var replica = replicas[i];
            var waits = before[i];
            await ScimServer.WaitUntilAsync(() => Task.FromResult(replica.Reporter.Waits > waits), TestTimeouts.Request);
        }
    }

    private sealed class Replica : IAsyncDisposable
    {
        private ScimServer _server = null!;
        private HttpClient _client = null!;
        private bool _disposed;

        public ProvisioningStatusReporter Reporter { get; private set; } = null!;

        public static async Task<Replica> StartAsync(string name, string keySetPath, StatusCluster cluster, TimeProvider time)
        {
            var replica = new Replica();
            var settings = cluster.EndpointSettings(keySetPath);
            settings["Scim:Status:ReplicaName"] = name;
            replica._server = await ScimServer.StartAsync(settings, configure: builder => builder.Services.AddSingleton(time));
            replica._client = replica._server.CreateClient(StatusCluster.Token);
            replica.Reporter = replica._server.App.Services.GetRequiredService<ProvisioningStatusReporter>();
            await ScimServer.WaitUntilAsync(() => Task.FromResult(replica.Reporter.Waits > 0));
            return replica;
        }

        /// <summary>Creates a user and waits until the activity is recorded, before the clock may move.</summary>
        public async Task CreateUserAsync(string userName)
        {
            var activity = _server.App.Services.GetRequiredService<ProvisioningActivity>();
            var before = activity.Snapshot().RequestsLastHour;
            using var response = await _client.PostAsync(
                "Users", new StringContent(ScimRequests.User(userName), Encoding.UTF8, "application/scim+json"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            await ScimServer.WaitUntilAsync(() => Task.FromResult(activity.Snapshot().RequestsLastHour > before));
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _client.Dispose();
            await _server.DisposeAsync();
        }
    }
}
