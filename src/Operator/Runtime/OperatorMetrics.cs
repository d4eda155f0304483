using Prometheus;
using Zitadel.Transport;

namespace Operator.Runtime;

/// <summary>
/// Every Prometheus instrument of the runtime, in a registry of its own so several operator hosts can share a test
/// process. Names and labels follow controller-runtime and client-go, so existing dashboards work. It also observes
/// the operator's ZITADEL clients (<see cref="IZitadelCallObserver"/>). Every metric is listed in docs/operations.md.
/// </summary>
internal sealed class OperatorMetrics : IZitadelCallObserver
{
    private static readonly double[] ReconcileBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];

    // client-go's workqueue buckets: 10 ns to 10 s, factor 10.
    private static readonly double[] QueueBuckets = Histogram.ExponentialBuckets(1e-8, 10, 10);

    private readonly Counter _reconcileTotal;
    private readonly Counter _reconcileErrors;
    private readonly Histogram _reconcileTime;
    private readonly Gauge _activeWorkers;
    private readonly Gauge _maxConcurrent;
    private readonly Gauge _depth;
    private readonly Counter _adds;
    private readonly Histogram _queueDuration;
    private readonly Histogram _workDuration;
    private readonly Counter _retries;
    private readonly Gauge _unfinished;
    private readonly Gauge _longestRunning;
    private readonly Gauge _leader;
    private readonly Counter _watchRestarts;
    private readonly Gauge _informerSynced;
    private readonly Counter _events;
    private readonly Counter _zitadelRequests;
    private readonly Histogram _zitadelDuration;
    private readonly Counter _zitadelRetries;

    public OperatorMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _reconcileTotal = factory.CreateCounter(
            "controller_runtime_reconcile_total", "Total number of reconciliations per controller.",
            ["controller", "result"]);
        _reconcileErrors = factory.CreateCounter(
            "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller.",
            ["controller"]);
        _reconcileTime = factory.CreateHistogram(
            "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller.",
            ["controller"], new HistogramConfiguration { Buckets = ReconcileBuckets });
        _activeWorkers = factory.CreateGauge(
            "controller_runtime_active_workers", "Number of currently used workers per controller.", ["controller"]);
        _maxConcurrent = factory.CreateGauge(
            "controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller.",
            ["controller"]);
        _depth = factory.CreateGauge("workqueue_depth", "Current depth of workqueue.", ["name"]);
        _adds = factory.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue.", ["name"]);
        _queueDuration = factory.CreateHistogram(
            "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested.",
            ["name"], new HistogramConfiguration { Buckets = QueueBuckets });
        _workDuration = factory.CreateHistogram(
            "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes.",
            ["name"], new HistogramConfiguration { Buckets = QueueBuckets });
        _retries = factory.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue.", ["name"]);
        _unfinished = factory.CreateGauge(
            "workqueue_unfinished_work_seconds",
            "How many seconds of work has been done that is in progress and hasn't been observed by work_duration.",
            ["name"]);
        _longestRunning = factory.CreateGauge(
            "workqueue_longest_running_processor_seconds",
            "How many seconds has the longest running processor for workqueue been running.", ["name"]);
        _leader = factory.CreateGauge(
            "leader_election_master_status",
            "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master.",
            ["name"]);
        _watchRestarts = factory.CreateCounter(
            "scim_operator_watch_restarts_total",
            "Informer list/watch restarts, by resource and reason (closed, expired, error).", ["resource", "reason"]);
        _informerSynced = factory.CreateGauge(
            "scim_operator_informer_synced", "1 when the informer cache of a resource has synced.", ["resource"]);
        _events = factory.CreateCounter(
            "scim_operator_events_total", "Kubernetes Events recorded, by type and result (created, series, failed).",
            ["type", "result"]);
        _zitadelRequests = factory.CreateCounter(
            "scim_operator_zitadel_requests_total",
            "HTTP attempts to ZITADEL (retries included), by RPC and outcome code.", ["method", "code"]);
        _zitadelDuration = factory.CreateHistogram(
            "scim_operator_zitadel_request_duration_seconds", "Time of one HTTP attempt to ZITADEL, by RPC.",
            ["method"], new HistogramConfiguration { Buckets = ReconcileBuckets });
        _zitadelRetries = factory.CreateCounter(
            "scim_operator_zitadel_retries_total", "HTTP attempts to ZITADEL that repeated a failed one, by RPC.",
            ["method"]);
        var build = BuildInfo.Current;
        factory.CreateGauge(
                "scim_operator_build_info", "Always 1; the labels carry the operator's version, commit and .NET runtime.",
                ["version", "commit", "dotnet_version"])
            .WithLabels(build.Version, build.Commit, build.DotnetVersion).Set(1);
    }

    public CollectorRegistry Registry { get; }

    public ControllerMetrics ForController(string controller, int maxConcurrent)
    {
        _maxConcurrent.WithLabels(controller).Set(maxConcurrent);
        return new ControllerMetrics(
            Success: _reconcileTotal.WithLabels(controller, "success"),
            Error: _reconcileTotal.WithLabels(controller, "error"),
            Requeue: _reconcileTotal.WithLabels(controller, "requeue"),
            RequeueAfter: _reconcileTotal.WithLabels(controller, "requeue_after"),
            Errors: _reconcileErrors.WithLabels(controller),
            Time: _reconcileTime.WithLabels(controller),
            ActiveWorkers: _activeWorkers.WithLabels(controller));
    }

    public WorkQueueMetrics ForQueue(string name) => new(
        _depth.WithLabels(name), _adds.WithLabels(name), _queueDuration.WithLabels(name),
        _workDuration.WithLabels(name), _retries.WithLabels(name), _unfinished.WithLabels(name),
        _longestRunning.WithLabels(name));

    /// <summary>Runs <paramref name="callback"/> before each scrape (for gauges computed on demand).</summary>
    public void BeforeCollect(Action callback) => Registry.AddBeforeCollectCallback(callback);

    public void SetLeader(string lease, bool leader) => _leader.WithLabels(lease).Set(leader ? 1 : 0);

    public void WatchRestarted(ResourceType resource, string reason) =>
        _watchRestarts.WithLabels(resource.Resource, reason).Inc();

    public void InformerSynced(ResourceType resource, bool synced) =>
        _informerSynced.WithLabels(resource.Resource).Set(synced ? 1 : 0);

    public void EventRecorded(string type, string result) => _events.WithLabels(type, result).Inc();

    /// <summary>Counts one attempt of any tenant's ZITADEL client; the RPC name carries no id.</summary>
    public void OnCallCompleted(ZitadelCall call)
    {
        _zitadelRequests.WithLabels(call.Method, call.CodeLabel).Inc();
        _zitadelDuration.WithLabels(call.Method).Observe(call.Duration.TotalSeconds);
        if (call.IsRetry)
        {
            _zitadelRetries.WithLabels(call.Method).Inc();
        }
    }
}

/// <summary>The controller-runtime series of one controller.</summary>
internal sealed record ControllerMetrics(
    Counter.Child Success, Counter.Child Error, Counter.Child Requeue, Counter.Child RequeueAfter,
    Counter.Child Errors, Histogram.Child Time, Gauge.Child ActiveWorkers);

/// <summary>The client-go workqueue series of one queue.</summary>
internal sealed record WorkQueueMetrics(
    Gauge.Child Depth, Counter.Child Adds, Histogram.Child QueueDuration, Histogram.Child WorkDuration,
    Counter.Child Retries, Gauge.Child UnfinishedWork, Gauge.Child LongestRunning);
