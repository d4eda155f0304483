using Emulators.Kubernetes;
using k8s;
using k8s.Models;

namespace KubernetesEmulator.Tests;

public sealed class WatchTests
{
    private static V1ConfigMap Map(string name, string tier = "web") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = tier } },
    };

    [Fact]
    public async Task Watch_FromList_DeliversChangesAndResumesFromResourceVersion()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Map("a"), "default");
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var events = new List<(WatchEventType, string)>();

        var reader = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default",
                resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                events.Add((type, item.Metadata.Name));
                if (events.Count == 3)
                {
                    return;
                }
            }
        });
        await client.CoreV1.CreateNamespacedConfigMapAsync(Map("b"), "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new { data = new { k = "v" } }, V1Patch.PatchType.MergePatch), "a", "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("b", "default");
        await reader.WithTimeout();

        Assert.Equal([(WatchEventType.Added, "b"), (WatchEventType.Modified, "a"), (WatchEventType.Deleted, "b")], events);
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithAddedForExistingObjects()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Map("a"), "default");
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);

        await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            Assert.Equal("a", item.Metadata.Name);
            break;
        }
    }

    [Fact]
    public async Task Watch_AfterCompactHistory_Sends410ToOnError()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var old = await client.CoreV1.CreateNamespacedConfigMapAsync(Map("a"), "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(Map("b"), "default");
        emulator.CompactHistory();
        Exception? error = null;

        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default",
            resourceVersion: old.Metadata.ResourceVersion, onError: e => error = e).WithCancellation(new CancellationTokenSource(Eventually.DefaultTimeout).Token))
        {
            Assert.Fail("no events expected");
        }

        var expired = Assert.IsType<KubernetesException>(error);
        Assert.Equal(410, expired.Status.Code);
        Assert.Equal("Expired", expired.Status.Reason);
    }

    [Fact]
    public async Task Watch_HistorySizeExceeded_Sends410()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { WatchHistorySize = 2 });
        var client = emulator.CreateClient();
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(Map("a"), "default");
        foreach (var name in new[] { "b", "c", "d" })
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(Map(name), "default");
        }

        Exception? error = null;
        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default",
            resourceVersion: first.Metadata.ResourceVersion, onError: e => error = e))
        {
            Assert.Fail("no events expected");
        }

        Assert.Equal(410, Assert.IsType<KubernetesException>(error).Status.Code);
    }

    [Fact]
    public async Task Watch_WithBookmarks_SendsBookmarkBeforeTimeoutAndEndsCleanly()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        var types = new List<WatchEventType>();

        await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default",
            resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, timeoutSeconds: 3))
        {
            types.Add(type);
            Assert.NotNull(item.Metadata.ResourceVersion);
        }

        Assert.Contains(WatchEventType.Bookmark, types);
    }

    [Fact]
    public async Task Watch_SelectorTransitions_ProduceAddedAndDeleted()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Map("a", "db"), "default");
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var events = new List<WatchEventType>();
        var reader = Task.Run(async () =>
        {
            await foreach (var (type, _) in client.CoreV1.WatchListNamespacedConfigMapAsync("default",
                labelSelector: "tier=web", resourceVersion: created.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                events.Add(type);
                if (events.Count == 2)
                {
                    return;
                }
            }
        });

        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new { metadata = new { labels = new { tier = "web" } } }, V1Patch.PatchType.MergePatch), "a", "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new { metadata = new { labels = new { tier = "db" } } }, V1Patch.PatchType.MergePatch), "a", "default");
        await reader.WithTimeout();

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events);
    }

    [Fact]
    public async Task DropWatches_EndsOpenStreams()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        var reader = Task.Run(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: list.Metadata.ResourceVersion, onError: _ => { }))
            {
            }
        });
        await Eventually.TrueAsync(() => Task.FromResult(emulator.Requests.Count(r => r.Verb == "watch") == 1), "the watch is open");

        emulator.DropWatches();

        await Assert.ThrowsAnyAsync<Exception>(() => reader.WithTimeout());
    }
}
