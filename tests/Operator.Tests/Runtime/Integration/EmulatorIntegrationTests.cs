using Emulators.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Operator.Runtime;

namespace Operator.Tests.Runtime.Integration;

/// <summary>The runtime against the in-process Kubernetes API emulator: leader election, watch faults, conflicts.</summary>
public sealed class EmulatorIntegrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TwoReplicas_OnlyTheLeaderReconciles_AndTheStandbyTakesOverWhenItStops()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var log = new ReconcileLog();
        var first = await EmulatedOperator.StartAsync(emulator, "replica-1", log);
        await first.Leadership.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Timeout);
        await using var second = await EmulatedOperator.StartAsync(emulator, "replica-2", log);

        await CreateConfigMap(client, "x", "1");
        await WaitUntil(() => log.Entries.Any(e => e.Key.Name == "x"));
        var secondLedEarly = second.Leadership.IsLeader;
        await first.DisposeAsync();
        var whileFirstLed = log.Entries.Count;
        await CreateConfigMap(client, "y", "1");
        await WaitUntil(() => log.Entries.Any(e => e.Key.Name == "y"));

        Assert.False(secondLedEarly);
        // The new leader starts from its own cache, so it reconciles x again: level-triggered, nothing is missed.
        Assert.All(log.Entries.Take(whileFirstLed), e => Assert.Equal("replica-1", e.Identity));
        Assert.All(log.Entries.Skip(whileFirstLed), e => Assert.Equal("replica-2", e.Identity));
        Assert.Contains(log.Entries.Skip(whileFirstLed), e => e.Key.Name == "x");
        Assert.True(second.Leadership.IsLeader);
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("scim-operator-leader", "default");
        Assert.Equal("replica-2", lease.Spec.HolderIdentity);
    }

    [Fact]
    public async Task DroppedWatchesAndCompactedHistory_NoUpdateIsLost()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var log = new ReconcileLog();
        await using var op = await EmulatedOperator.StartAsync(emulator, "solo", log, leaderElection: false);
        var informer = op.App.Services.GetRequiredService<IInformerFactory>().Get<V1ConfigMap>();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);

        for (var round = 1; round <= 6; round++)
        {
            foreach (var name in new[] { "a", "b", "c" })
            {
                await UpsertConfigMap(client, name, round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (round % 2 == 0)
            {
                emulator.DropWatches();
            }
            else
            {
                emulator.CompactHistory();
                emulator.DropWatches();
            }
        }

        await client.CoreV1.DeleteNamespacedConfigMapAsync("b", "default");
        emulator.CompactHistory();
        emulator.DropWatches();
        await UpsertConfigMap(client, "d", "6");

        await WaitUntil(() => informer.Get(new ObjectKey("default", "d")) is not null
            && informer.Get(new ObjectKey("default", "b")) is null
            && log.LastValue(new ObjectKey("default", "a")) == "6"
            && log.LastValue(new ObjectKey("default", "c")) == "6");
        Assert.Equal("6", informer.Get(new ObjectKey("default", "a"))!.Data["v"]);
        var restarts = await MetricsText(op);
        Assert.Contains("scim_operator_watch_restarts_total{resource=\"configmaps\"", restarts);
    }

    [Fact]
    public async Task ConflictStorm_ReconcileConvergesAndConflictsAreNotErrors()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var log = new ReconcileLog();
        emulator.Faults.ConflictStorm(8, r => r.Resource == "configmaps");
        await using var op = await EmulatedOperator.StartAsync(
            emulator, "solo", log, leaderElection: false,
            services => services.AddSingleton(new RecordingReconciler.Options(CopyToAnnotation: true)));

        await CreateConfigMap(client, "s", "42");
        await WaitUntil(() => RecordingReconciler.ValueOf(
            client.CoreV1.ReadNamespacedConfigMap("s", "default").Metadata.Annotations, "copied") == "42");

        var text = await MetricsText(op);
        Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"configmaps\"} 0", text);
        Assert.Matches("controller_runtime_reconcile_total\\{controller=\"configmaps\",result=\"requeue\"\\} [1-9]", text);
    }

    private static Task<V1ConfigMap> CreateConfigMap(IKubernetes client, string name, string value) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = name },
                Data = new Dictionary<string, string> { ["v"] = value },
            },
            "default");

    private static async Task UpsertConfigMap(IKubernetes client, string name, string value)
    {
        try
        {
            await CreateConfigMap(client, name, value);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.IsAlreadyExists())
        {
            var patch = new V1Patch($$$"""{"data":{"v":"{{{value}}}"}}""", V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, "default");
        }
    }

    private static async Task<string> MetricsText(EmulatedOperator op)
    {
        using var stream = new MemoryStream();
        await op.Metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }
}
