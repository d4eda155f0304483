using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Operator.Runtime;
using Operator.Tests.Runtime.Support;
using static Operator.Tests.Runtime.Support.ScriptedApiServer;

namespace Operator.Tests.Runtime;

public sealed class InformerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly InformerOptions FastOptions = new()
    {
        PageSize = 2,
        MinBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Run_PagedList_FillsCacheThenWatchesFromTheListVersion()
    {
        await using var server = await StartAsync();
        server.EnqueueList("10", "p2", ConfigMap("ns", "a", "5"), ConfigMap("ns", "b", "6"));
        server.EnqueueList("10", null, ConfigMap("ns", "c", "7"));
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var informer = NewInformer(client);

        var running = informer.StartOnce(stop.Token)!;
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
        await WaitUntil(() => server.Watches.Any());
        await stop.CancelAsync();
        await running.WaitAsync(Timeout);

        Assert.True(informer.HasSynced);
        Assert.Equal(["a", "b", "c"], informer.List().Select(c => c.Metadata.Name).Order());
        Assert.Equal("/api/v1/configmaps", server.Lists.First().Path);
        Assert.Equal([null, "p2"], server.Lists.Select(r => r.Continue));
        Assert.All(server.Lists, r => Assert.Equal("2", r.Limit));
        var watch = server.Watches.First();
        Assert.Equal("10", watch.ResourceVersion);
        Assert.True(watch.Bookmarks);
    }

    [Fact]
    public async Task Run_EmptyWatchBookmarkDropAndExpiry_CacheConvergesWithoutLosingAnUpdate()
    {
        await using var server = await StartAsync();
        server.EnqueueList("10", "p2", ConfigMap("ns", "a", "5"), ConfigMap("ns", "b", "6"));
        server.EnqueueList("10", null, ConfigMap("ns", "c", "7"));
        server.EnqueueWatch([]);                                                                 // zero events
        server.EnqueueWatch([Event("MODIFIED", ConfigMap("ns", "a", "11", "a2")), Bookmark("15")]);
        var sawD = new TaskCompletionSource();
        server.EnqueueWatch([Event("ADDED", ConfigMap("ns", "d", "16"))], () => sawD.Task);    // dropped
        server.EnqueueWatch([Event("MODIFIED", ConfigMap("ns", "c", "17", "c2")), Expired()]);    // 410
        server.EnqueueList("30", null,
            ConfigMap("ns", "a", "11", "a2"), ConfigMap("ns", "c", "20", "c3"), ConfigMap("ns", "d", "16"),
            ConfigMap("ns", "e", "25"));
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var informer = NewInformer(client);
        var events = new ConcurrentQueue<(WatchEventType Type, string Name, string Version)>();
        using var subscription = informer.Subscribe(e =>
        {
            events.Enqueue((e.Type, e.Object.Metadata.Name, e.Object.Metadata.ResourceVersion));
            if (e.Object.Metadata.Name == "d")
            {
                sawD.TrySetResult();
            }
        });

        var running = informer.StartOnce(stop.Token)!;
        await WaitUntil(() => server.Watches.Count() >= 5);
        await stop.CancelAsync();
        await running.WaitAsync(Timeout);

        Assert.Equal(["a", "c", "d", "e"], informer.List().Select(c => c.Metadata.Name).Order());
        Assert.Equal("a2", informer.Get(new ObjectKey("ns", "a"))!.Data["v"]);
        Assert.Equal("c3", informer.Get(new ObjectKey("ns", "c"))!.Data["v"]);
        Assert.Equal(["10", "10", "15", "16", "30"], server.Watches.Take(5).Select(r => r.ResourceVersion));
        Assert.All(server.Watches, r => Assert.True(r.Bookmarks));
        Assert.Equal([null, "p2", null], server.Lists.Select(r => r.Continue));
        Assert.Contains((WatchEventType.Modified, "a", "11"), events);
        Assert.Contains((WatchEventType.Added, "d", "16"), events);
        Assert.Contains((WatchEventType.Modified, "c", "17"), events);
        Assert.Contains((WatchEventType.Modified, "c", "20"), events);
        Assert.Contains((WatchEventType.Added, "e", "25"), events);
        Assert.Contains(events, e => e is { Type: WatchEventType.Deleted, Name: "b" });
        Assert.Single(events, e => e is { Name: "a", Version: "11" });
    }

    [Fact]
    public async Task Run_FailingList_RetriesUntilItSyncs()
    {
        await using var server = await StartAsync();
        server.EnqueueList(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        server.EnqueueList("3", null, ConfigMap("ns", "a", "2"));
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var informer = NewInformer(client);

        var running = informer.StartOnce(stop.Token)!;
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
        await stop.CancelAsync();
        await running.WaitAsync(Timeout);

        Assert.Equal(2, server.Lists.Count());
        Assert.NotNull(informer.Get(new ObjectKey("ns", "a")));
    }

    [Fact]
    public async Task Run_ConfiguredNamespaces_ListsAndWatchesEachAndSyncsWhenAllHave()
    {
        await using var server = await StartAsync();
        for (var i = 0; i < 2; i++)
        {
            server.EnqueueList(context =>
            {
                var ns = context.Request.Path.Value!.Split('/')[4];
                var list = ListOf("4", ConfigMap(ns, ns == "one" ? "a" : "b", "2"));
                return context.Response.WriteAsync(list.ToJsonString());
            });
        }
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var informer = NewInformer(client, "one", "two");

        var running = informer.StartOnce(stop.Token)!;
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
        await WaitUntil(() => server.Watches.Count() >= 2);
        await stop.CancelAsync();
        await running.WaitAsync(Timeout);

        Assert.Equal(
            ["/api/v1/namespaces/one/configmaps", "/api/v1/namespaces/two/configmaps"],
            server.Lists.Select(r => r.Path).Order());
        Assert.Single(informer.List("one"));
        Assert.Single(informer.List("two"));
    }

    [Fact]
    public async Task Subscribe_AfterSync_ReplaysTheCacheAsAdded()
    {
        await using var server = await StartAsync();
        server.EnqueueList("4", null, ConfigMap("ns", "a", "2"), ConfigMap("ns", "b", "3"));
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var informer = NewInformer(client);
        var running = informer.StartOnce(stop.Token)!;
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);

        var replayed = new List<InformerEvent<V1ConfigMap>>();
        using (informer.Subscribe(replayed.Add))
        {
            await stop.CancelAsync();
        }

        await running.WaitAsync(Timeout);
        Assert.Equal(2, replayed.Count);
        Assert.All(replayed, e => Assert.Equal(WatchEventType.Added, e.Type));
    }

    [Fact]
    public async Task Run_WatchErrorMidStream_EndsTheWatchAtOnceAndRelistsSoTheChangeIsNotLost()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        using var client = emulator.CreateClient();
        // The first change on the next configmaps watch is replaced by an ERROR event and the stream goes on, as the
        // client reports an event it cannot read; the watch would stay open for 10 minutes, so only ending it at once
        // (and relisting) brings the change in within the test's timeout.
        emulator.Faults.GarbleWatches(r => r.Resource == "configmaps", count: 1);
        using var stop = new CancellationTokenSource();
        var informer = new Informer<V1ConfigMap>(
            client, [], null, new InformerOptions { MinBackoff = FastOptions.MinBackoff, MaxBackoff = FastOptions.MaxBackoff, WatchTimeout = TimeSpan.FromMinutes(10) },
            new OperatorMetrics(), NullLogger.Instance, TimeProvider.System);
        var running = informer.StartOnce(stop.Token)!;
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
        await WaitUntil(() => emulator.Requests.Snapshot().Any(r => r is { Verb: "watch", Resource: "configmaps" }));

        await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" }, Data = new Dictionary<string, string> { ["v"] = "1" } }, "default");
        await WaitUntil(() => informer.Get(new ObjectKey("default", "a")) is not null);
        await stop.CancelAsync();
        await running.WaitAsync(Timeout);

        var calls = emulator.Requests.Snapshot().Where(r => r.Resource == "configmaps" && !r.IsWrite).Select(r => r.Verb).ToList();
        Assert.Equal(["list", "watch", "list", "watch"], calls.Take(4));
    }

    private static Informer<V1ConfigMap> NewInformer(IKubernetes client, params string[] namespaces) =>
        new(client, namespaces, null, FastOptions, new OperatorMetrics(), NullLogger.Instance, TimeProvider.System);

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }
}
