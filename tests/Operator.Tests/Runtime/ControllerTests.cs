using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Operator.Runtime;
using Operator.Tests.Runtime.Support;
using Prometheus;

namespace Operator.Tests.Runtime;

public sealed class ControllerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();
    private readonly FakeInformerFactory _informers;
    private readonly FakeLeadership _leadership;
    private readonly ScriptedReconciler _reconciler = new();
    private readonly OperatorMetrics _metrics = new();
    private readonly CancellationTokenSource _stop = new();

    public ControllerTests() : this(synced: true, leader: true)
    {
    }

    private ControllerTests(bool synced, bool leader)
    {
        _informers = new FakeInformerFactory { StartSynced = synced };
        _leadership = new FakeLeadership(leader);
    }

    [Fact]
    public async Task Run_SyncedAndLeading_ReconcilesEveryCachedObject()
    {
        _informers.For<V1ConfigMap>().Put(ConfigMap("a"));
        _informers.For<V1ConfigMap>().Put(ConfigMap("b"));
        var controller = NewController();

        var running = controller.RunAsync(_stop.Token);
        await WaitUntil(() => _reconciler.Calls.Count >= 2);

        Assert.Equal(["ns/a", "ns/b"], _reconciler.Calls.Select(k => k.ToString()).Order());
        await StopAsync(running);
    }

    [Fact]
    public async Task Run_NotLeader_StartsWorkersOnlyOnceLeading()
    {
        using var test = new ControllerTests(synced: false, leader: false);
        test._informers.For<V1ConfigMap>().Put(ConfigMap("a"));
        var controller = test.NewController();
        var running = controller.RunAsync(test._stop.Token);

        var leadingAtEachCall = new ConcurrentQueue<bool>();
        test._reconciler.OnCall = () => leadingAtEachCall.Enqueue(test._leadership.IsLeader);

        // Synced, the controller asks for leadership with the key already queued: no worker may take it yet.
        test._informers.For<V1ConfigMap>().MarkSynced();
        await test._leadership.Asked.WaitAsync(Timeout);
        var beforeLeading = (test._reconciler.Calls.Count, controller.Queue.Depth);
        test._leadership.Grant();
        await WaitUntil(() => test._reconciler.Calls.Count == 1);

        Assert.Equal((0, 1), beforeLeading);
        Assert.Equal([true], leadingAtEachCall);
        await test.StopAsync(running);
    }

    [Fact]
    public async Task Reconcile_Throws_RetriesWithBackoffUntilSuccessAndCountsErrors()
    {
        _reconciler.FailuresBeforeSuccess = 3;
        _informers.For<V1ConfigMap>().Put(ConfigMap("a"));
        var controller = NewController();

        var running = controller.RunAsync(_stop.Token);
        await AdvanceUntilSucceeded();

        Assert.Equal(4, _reconciler.Calls.Count);
        var text = await MetricsText();
        Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"test\"} 3", text);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"test\",result=\"error\"} 3", text);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"test\",result=\"success\"} 1", text);
        Assert.Contains("workqueue_retries_total{name=\"test\"} 3", text);
        await StopAsync(running);
    }

    [Fact]
    public async Task Reconcile_Conflict_RequeuesWithoutCountingAnError()
    {
        _reconciler.FailuresBeforeSuccess = 2;
        _reconciler.Failure = () => new k8s.Autorest.HttpOperationException("conflict")
        {
            Response = new k8s.Autorest.HttpResponseMessageWrapper(
                new HttpResponseMessage(System.Net.HttpStatusCode.Conflict),
                """{"kind":"Status","reason":"Conflict","code":409}"""),
        };
        _informers.For<V1ConfigMap>().Put(ConfigMap("a"));
        var controller = NewController();

        var running = controller.RunAsync(_stop.Token);
        await AdvanceUntilSucceeded();

        var text = await MetricsText();
        Assert.Contains("controller_runtime_reconcile_total{controller=\"test\",result=\"requeue\"} 2", text);
        Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"test\"} 0", text);
        await StopAsync(running);
    }

    [Fact]
    public async Task Reconcile_RequeueAfter_ReconcilesAgainWhenTheDelayHasPassed()
    {
        _reconciler.Result = ReconcileResult.After(TimeSpan.FromMinutes(5));
        _informers.For<V1ConfigMap>().Put(ConfigMap("a"));
        var controller = NewController();

        var running = controller.RunAsync(_stop.Token);
        await WaitUntil(() => _reconciler.Calls.Count == 1);
        await WaitUntil(() => controller.Queue.DelayedCount == 1);
        _time.Advance(TimeSpan.FromMinutes(5));
        await WaitUntil(() => _reconciler.Calls.Count == 2);

        Assert.Contains("result=\"requeue_after\"} 2", await MetricsText());
        await StopAsync(running);
    }

    [Fact]
    public async Task Owns_ChangeToOwnedObject_ReconcilesTheControllerOwner()
    {
        var controller = NewController(c => c.Owns<V1Secret>());
        var running = controller.RunAsync(_stop.Token);
        await WaitUntil(() => _reconciler.Calls.IsEmpty);

        _informers.For<V1Secret>().Put(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "owned",
                NamespaceProperty = "ns",
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = "1", Controller = true },
                    new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "other", Uid = "2" },
                ],
            },
        });
        await WaitUntil(() => _reconciler.Calls.Count == 1);

        Assert.Equal(new ObjectKey("ns", "owner"), _reconciler.Calls.Single());
        await StopAsync(running);
    }

    [Fact]
    public async Task SpecOrDeletionChanged_StatusOnlyWrites_DoNotReconcile()
    {
        var controller = NewController(c => c
            .ReconcileOwnEventsWhen(WatchFilters.SpecOrDeletionChanged)
            .Watches<V1Secret>(_ => [new ObjectKey("ns", "from-secret")], WatchFilters.SpecOrDeletionChanged));
        var running = controller.RunAsync(_stop.Token);
        var configMaps = _informers.For<V1ConfigMap>();
        var secrets = _informers.For<V1Secret>();

        configMaps.Put(ConfigMap("a", generation: 1));
        secrets.Put(Secret(generation: 1));
        await WaitUntil(() => _reconciler.Calls.Count == 2);
        configMaps.Put(ConfigMap("a", generation: 1, resourceVersion: "2"));
        secrets.Put(Secret(generation: 1, resourceVersion: "2"));

        // The filters run inside Put, so the adds are final once it returns: the status writes added nothing.
        var addsAfterStatusWrites = await MetricsText();
        configMaps.Put(ConfigMap("a", generation: 2, resourceVersion: "3"));
        secrets.Put(Secret(generation: 1, resourceVersion: "3", deleting: true));
        await WaitUntil(() => _reconciler.Calls.Count == 4);

        Assert.Contains("workqueue_adds_total{name=\"test\"} 2\n", addsAfterStatusWrites);
        Assert.Equal(["ns/a", "ns/a", "ns/from-secret", "ns/from-secret"], _reconciler.Calls.Select(k => k.ToString()).Order());
        await StopAsync(running);
    }

    [Fact]
    public async Task Batch_BurstOfWatchedChanges_IsOneReconcileAfterTheDelay_OwnChangesAreImmediate()
    {
        var controller = NewController(c => c
            .Watches<V1Secret>(s => [new ObjectKey("ns", s.Metadata.Name == "late" ? "late" : "tenant")])
            .Batch(TimeSpan.FromSeconds(3)));
        var running = controller.RunAsync(_stop.Token);
        await WaitUntil(() => _reconciler.Calls.IsEmpty);

        // The batch runs on the wall clock: the operator's clock (here a frozen fake) never holds it back. The burst
        // is put back to back, far inside the 3 s batch, so a slow machine cannot split it.
        for (var i = 0; i < 5; i++)
        {
            _informers.For<V1Secret>().Put(Secret(generation: 1, name: $"s{i}"));
        }

        var beforeTheDelay = _reconciler.Calls.Count;
        await WaitUntil(() => !_reconciler.Calls.IsEmpty);
        _informers.For<V1ConfigMap>().Put(ConfigMap("own"));
        await WaitUntil(() => _reconciler.Calls.Contains(new ObjectKey("ns", "own")));

        // A later batch, started a whole delay after the burst: any further hand-on of the burst is due before it.
        _informers.For<V1Secret>().Put(Secret(generation: 1, name: "late"));
        await WaitUntil(() => _reconciler.Calls.Contains(new ObjectKey("ns", "late")));

        Assert.Equal(0, beforeTheDelay);
        Assert.Equal([new ObjectKey("ns", "tenant"), new ObjectKey("ns", "own"), new ObjectKey("ns", "late")], _reconciler.Calls);
        Assert.Contains("workqueue_adds_total{name=\"test\"} 3\n", await MetricsText());
        await StopAsync(running);
    }

    [Fact]
    public async Task Stop_InFlightReconcile_IsDrainedNotCancelled()
    {
        var release = new TaskCompletionSource();
        _reconciler.Gate = release.Task;
        _informers.For<V1ConfigMap>().Put(ConfigMap("a"));
        var controller = NewController();
        var running = controller.RunAsync(_stop.Token);
        await WaitUntil(() => _reconciler.Calls.Count == 1);

        // What had succeeded when the run ended: a run that ends before its reconcile cannot see the success.
        var successesAtStop = running.ContinueWith(
            _ => Volatile.Read(ref _reconciler.Successes), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await _stop.CancelAsync();
        await WaitUntil(() => controller.Queue.IsShutDown);
        var stoppedEarly = running.IsCompleted;
        release.SetResult();
        await running.WaitAsync(Timeout);

        Assert.False(stoppedEarly);
        Assert.Equal(1, await successesAtStop);
        Assert.Equal(1, _reconciler.Successes);
        Assert.Equal(0, _reconciler.Cancellations);
    }

    [Fact]
    public async Task LeadershipLost_InFlightReconcile_IsCancelled()
    {
        _reconciler.Gate = new TaskCompletionSource().Task;
        _informers.For<V1ConfigMap>().Put(ConfigMap("a"));
        var controller = NewController();
        var running = controller.RunAsync(_stop.Token);
        await WaitUntil(() => _reconciler.Calls.Count == 1);

        _leadership.Lose();
        await WaitUntil(() => _reconciler.Cancellations == 1);
        await StopAsync(running);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _leadership.Dispose();
    }

    private Controller<V1ConfigMap, ScriptedReconciler> NewController(Action<ControllerBuilder<V1ConfigMap>>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<OperatorOptions>();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IInformerFactory>(_informers);
        services.AddSingleton<ILeadership>(_leadership);
        services.AddSingleton(_metrics);
        services.AddSingleton(_reconciler);
        services.AddController<V1ConfigMap, ScriptedReconciler>("test", configure);
        return (Controller<V1ConfigMap, ScriptedReconciler>)services.BuildServiceProvider().GetRequiredService<IController>();
    }

    private async Task StopAsync(Task running)
    {
        await _stop.CancelAsync();
        await running.WaitAsync(Timeout);
    }

    private async Task<string> MetricsText()
    {
        using var stream = new MemoryStream();
        await _metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static V1ConfigMap ConfigMap(string name, long? generation = null, string resourceVersion = "1") =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = resourceVersion, Generation = generation } };

    private static V1Secret Secret(long generation, string resourceVersion = "1", bool deleting = false, string name = "s") =>
        new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name, NamespaceProperty = "ns", ResourceVersion = resourceVersion, Generation = generation,
                DeletionTimestamp = deleting ? new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc) : null,
            },
        };

    private static Task WaitUntil(Func<bool> condition) => InformerTests.WaitUntil(condition);

    /// <summary>Moves the fake clock on in 10 ms steps (backoff delays) until the reconciler has succeeded.</summary>
    private Task AdvanceUntilSucceeded() => WaitUntil(() =>
    {
        _time.Advance(TimeSpan.FromMilliseconds(10));
        return _reconciler.Successes == 1;
    });

    /// <summary>A reconciler that fails a set number of times, optionally waits on a gate, and records its calls.</summary>
    internal sealed class ScriptedReconciler : IReconciler<V1ConfigMap>
    {
        private int _failures;

        public ConcurrentQueue<ObjectKey> Calls { get; } = new();

        public int FailuresBeforeSuccess { get; set; }

        public Func<Exception> Failure { get; set; } = () => new InvalidOperationException("scripted failure");

        public Task Gate { get; set; } = Task.CompletedTask;

        public ReconcileResult Result { get; set; } = ReconcileResult.Done;

        public int Successes;

        public int Cancellations;

        public Action? OnCall { get; set; }

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            OnCall?.Invoke();
            Calls.Enqueue(key);
            if (Interlocked.Increment(ref _failures) <= FailuresBeforeSuccess)
            {
                throw Failure();
            }

            try
            {
                await Gate.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref Cancellations);
                throw;
            }

            Interlocked.Increment(ref Successes);
            return Result;
        }
    }
}
