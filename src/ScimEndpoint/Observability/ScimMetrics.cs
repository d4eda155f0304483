using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Prometheus;
using ScimEndpoint.Auth;
using ScimEndpoint.Hosting;
using ScimEndpoint.Http;
using Zitadel.Transport;

namespace ScimEndpoint.Observability;

/// <summary>
/// Every Prometheus instrument of the SCIM endpoint, in a registry of its own (so two hosts in one test process do
/// not share series). Label children are cached, so recording a request allocates nothing after warm-up. It also
/// observes the ZITADEL client (<see cref="IZitadelCallObserver"/>), one series per RPC and outcome. Every metric is
/// listed in docs/operations.md.
/// </summary>
internal sealed class ScimMetrics : IZitadelCallObserver
{
    private static readonly double[] DurationBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly string _tenant;
    private readonly string _backend;
    private readonly Counter _requests;
    private readonly Histogram _requestDuration;
    private readonly Counter.Child?[] _authFailures;
    private readonly Histogram _storeDuration;
    private readonly Counter _keySetReloads;
    private readonly Gauge.Child _keySetKeys;
    private readonly Counter _statusWrites;
    private readonly ConcurrentDictionary<(ScimRoute Route, int Status), RequestChildren> _requestChildren = new();
    private readonly ConcurrentDictionary<(string Operation, string Outcome), Histogram.Child> _storeChildren = new();
    private readonly ConcurrentDictionary<(string Method, string Code), Counter.Child> _zitadelRequestChildren = new();
    private readonly ConcurrentDictionary<string, (Histogram.Child Duration, Counter.Child Retries)> _zitadelMethodChildren = new(StringComparer.Ordinal);
    private readonly Counter _zitadelRequests;
    private readonly Histogram _zitadelDuration;
    private readonly Counter _zitadelRetries;

    public ScimMetrics(IOptions<ScimOptions> options)
    {
        _tenant = options.Value.Tenant;
        _backend = options.Value.Store.ToString().ToLowerInvariant();
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        string[] requestLabels = ["tenant", "resource", "operation", "status"];
        _requests = factory.CreateCounter(
            "scim_requests_total", "SCIM requests handled, by resource, operation and HTTP status.", requestLabels);
        _requestDuration = factory.CreateHistogram(
            "scim_request_duration_seconds", "Time to handle a SCIM request.",
            requestLabels, new HistogramConfiguration { Buckets = DurationBuckets });
        var authFailures = factory.CreateCounter(
            "scim_auth_failures_total", "SCIM requests refused by authentication, by reason.", ["tenant", "reason"]);
        // Every real reason is exported from the start (at 0) so alerts see the series; "None" is not a failure.
        _authFailures = Enum.GetValues<AuthFailureReason>()
            .Select(reason => reason == AuthFailureReason.None ? null : authFailures.WithLabels(_tenant, ReasonLabel(reason)))
            .ToArray();
        _storeDuration = factory.CreateHistogram(
            "scim_store_call_duration_seconds", "Time of a call to the resource store, by outcome.",
            ["tenant", "backend", "operation", "outcome"], new HistogramConfiguration { Buckets = DurationBuckets });
        _keySetReloads = factory.CreateCounter(
            "scim_keyset_reloads_total", "Reads of the key-set file that found a change, by result.",
            ["tenant", "result"]);
        _keySetKeys = factory.CreateGauge(
            "scim_keyset_keys", "Keys in the key set in use.", ["tenant"]).WithLabels(_tenant);
        _statusWrites = factory.CreateCounter(
            "scim_status_writes_total", "Provisioning status writes to the Kubernetes API, by object and result.",
            ["tenant", "object", "result"]);
        _zitadelRequests = factory.CreateCounter(
            "scim_zitadel_requests_total", "HTTP attempts to ZITADEL (retries included), by RPC and outcome code.",
            ["tenant", "method", "code"]);
        _zitadelDuration = factory.CreateHistogram(
            "scim_zitadel_request_duration_seconds", "Time of one HTTP attempt to ZITADEL, by RPC.",
            ["tenant", "method"], new HistogramConfiguration { Buckets = DurationBuckets });
        _zitadelRetries = factory.CreateCounter(
            "scim_zitadel_retries_total", "HTTP attempts to ZITADEL that repeated a failed one, by RPC.",
            ["tenant", "method"]);
        var build = BuildInfo.Current;
        factory.CreateGauge(
                "scim_endpoint_build_info", "Always 1; the labels carry the endpoint's version, commit and .NET runtime.",
                ["version", "commit", "dotnet_version"])
            .WithLabels(build.Version, build.Commit, build.DotnetVersion).Set(1);
    }

    public CollectorRegistry Registry { get; }

    public void RequestCompleted(ScimRoute route, int status, double seconds)
    {
        var children = _requestChildren.GetOrAdd((route, status), CreateRequestChildren, this);
        children.Count.Inc();
        children.Duration.Observe(seconds);
    }

    public void AuthFailed(AuthFailureReason reason) => _authFailures[(int)reason]?.Inc();

    public void StoreCall(string operation, string outcome, double seconds) =>
        _storeChildren.GetOrAdd((operation, outcome), CreateStoreChild, this).Observe(seconds);

    /// <summary>Counts a key-set reload; <paramref name="result"/> is <c>success</c>, <c>invalid</c> or <c>missing</c>.</summary>
    public void KeySetReloaded(string result, int keyCount)
    {
        _keySetReloads.WithLabels(_tenant, result).Inc();
        _keySetKeys.Set(keyCount);
    }

    /// <summary>
    /// Counts a status write: <paramref name="target"/> is <c>tenant</c> or <c>key</c>, <paramref name="result"/>
    /// <c>success</c>, <c>not_found</c> or <c>error</c>. Rare (a few per interval), so labels are not cached.
    /// </summary>
    public void StatusWritten(string target, string result) => _statusWrites.WithLabels(_tenant, target, result).Inc();

    /// <summary>Counts one ZITADEL attempt. The method is the RPC name (no ids), so series stay few per tenant.</summary>
    public void OnCallCompleted(ZitadelCall call)
    {
        _zitadelRequestChildren.GetOrAdd((call.Method, call.CodeLabel), CreateZitadelRequestChild, this).Inc();
        var method = _zitadelMethodChildren.GetOrAdd(call.Method, CreateZitadelMethodChildren, this);
        method.Duration.Observe(call.Duration.TotalSeconds);
        if (call.IsRetry)
        {
            method.Retries.Inc();
        }
    }

    private static Counter.Child CreateZitadelRequestChild((string Method, string Code) key, ScimMetrics metrics) =>
        metrics._zitadelRequests.WithLabels(metrics._tenant, key.Method, key.Code);

    private static (Histogram.Child Duration, Counter.Child Retries) CreateZitadelMethodChildren(string method, ScimMetrics metrics) =>
        (metrics._zitadelDuration.WithLabels(metrics._tenant, method), metrics._zitadelRetries.WithLabels(metrics._tenant, method));

    internal static string ReasonLabel(AuthFailureReason reason) => reason switch
    {
        AuthFailureReason.Missing => "missing",
        AuthFailureReason.Malformed => "malformed",
        AuthFailureReason.Unknown => "unknown",
        AuthFailureReason.Expired => "expired",
        AuthFailureReason.NoKeys => "no_keys",
        _ => "none",
    };

    private static RequestChildren CreateRequestChildren((ScimRoute Route, int Status) key, ScimMetrics metrics)
    {
        string[] labels = [metrics._tenant, key.Route.Resource, key.Route.Operation,
            key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return new RequestChildren(metrics._requests.WithLabels(labels), metrics._requestDuration.WithLabels(labels));
    }

    private static Histogram.Child CreateStoreChild((string Operation, string Outcome) key, ScimMetrics metrics) =>
        metrics._storeDuration.WithLabels(metrics._tenant, metrics._backend, key.Operation, key.Outcome);

    private sealed record RequestChildren(Counter.Child Count, Histogram.Child Duration);
}
