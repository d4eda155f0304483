using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Operator.Runtime;

/// <summary>
/// Writes events.k8s.io/v1 Events (the API server mirrors them to core/v1, where <c>kubectl describe</c> reads them).
/// An event identical to one recorded within the dedupe window updates that Event's <c>series</c> (count and
/// lastObservedTime) with a merge patch instead of creating another object, as client-go's event broadcaster does.
/// </summary>
internal sealed class EventRecorder(
    IKubernetesObjects objects,
    ILeadership leadership,
    IOptions<OperatorOptions> options,
    OperatorMetrics metrics,
    TimeProvider time,
    ILogger<EventRecorder> logger) : IEventRecorder
{
    public const string ReportingController = "scim-operator";
    private const int MaxNoteLength = 1024;
    private const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<EventIdentity, Series> _recent = new();
    private long _sequence;

    public Task NormalAsync(
        IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken ct) =>
        RecordAsync("Normal", regarding, reason, action, note, ct);

    public Task WarningAsync(
        IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, CancellationToken ct) =>
        RecordAsync("Warning", regarding, reason, action, note, ct);

    private async Task RecordAsync(
        string type, IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note,
        CancellationToken ct)
    {
        var kind = regarding?.Kind ?? "";
        var key = regarding?.Metadata is null ? "" : ObjectKey.From(regarding).ToString();
        try
        {
            ArgumentNullException.ThrowIfNull(regarding);
            note = note.Length > MaxNoteLength ? note[..MaxNoteLength] : note;
            var identity = new EventIdentity(
                regarding.Metadata.Uid ?? key, kind, type, reason, action, note);
            var now = time.GetUtcNow().UtcDateTime;
            var window = options.Value.EventDedupeWindow;
            if (_recent.TryGetValue(identity, out var series) && now - series.FirstSeen < window)
            {
                if (await TryAddToSeriesAsync(series, now, ct).ConfigureAwait(false))
                {
                    metrics.EventRecorded(type, "series");
                    return;
                }
            }

            var created = await objects.CreateAsync(NewEvent(type, regarding, reason, action, note, now), ct)
                .ConfigureAwait(false);
            Remember(identity, new Series(created.Metadata.NamespaceProperty, created.Metadata.Name, now), now, window);
            metrics.EventRecorded(type, "created");
        }
#pragma warning disable CA1031 // Events are best effort: a failure must never fail the reconcile that reports it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            metrics.EventRecorded(type, "failed");
            RuntimeLog.EventFailed(logger, reason, kind, key, e.GetType().Name, (int?)ApiErrors.StatusOf(e));
        }
    }

    /// <summary>Counts one more occurrence on the existing Event; false when that Event is gone.</summary>
    private async Task<bool> TryAddToSeriesAsync(Series series, DateTime now, CancellationToken ct)
    {
        int count;
        lock (series)
        {
            // A series starts at 2: the Event itself was the first occurrence.
            series.Count = Math.Max(series.Count + 1, 2);
            count = series.Count;
        }

        var patch = new JsonObject
        {
            ["series"] = new JsonObject { ["count"] = count, ["lastObservedTime"] = MicroTime(now) },
        }.ToJsonString();
        try
        {
            await objects.PatchAsync<Eventsv1Event>(
                new ObjectKey(series.Namespace, series.Name), new V1Patch(patch, V1Patch.PatchType.MergePatch), ct)
                .ConfigureAwait(false);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.IsNotFound())
        {
            return false;
        }
    }

    private Eventsv1Event NewEvent(
        string type, IKubernetesObject<V1ObjectMeta> regarding, string reason, string action, string note, DateTime now)
    {
        // Cluster-scoped objects get their events in "default", as client-go does.
        var ns = string.IsNullOrEmpty(regarding.Metadata.NamespaceProperty) ? "default" : regarding.Metadata.NamespaceProperty;
        return new Eventsv1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = EventName(regarding.Metadata.Name, now, Interlocked.Increment(ref _sequence)),
                NamespaceProperty = ns,
            },
            EventTime = now,
            Type = type,
            Reason = reason,
            Action = action,
            Note = note,
            ReportingController = ReportingController,
            ReportingInstance = leadership.Identity,
            Regarding = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Name = regarding.Metadata.Name,
                NamespaceProperty = regarding.Metadata.NamespaceProperty,
                Uid = regarding.Metadata.Uid,
                ResourceVersion = regarding.Metadata.ResourceVersion,
            },
        };
    }

    private void Remember(EventIdentity identity, Series series, DateTime now, TimeSpan window)
    {
        if (_recent.Count >= MaxRemembered)
        {
            foreach (var (oldIdentity, old) in _recent)
            {
                if (now - old.FirstSeen >= window)
                {
                    _recent.TryRemove(oldIdentity, out _);
                }
            }
        }

        _recent[identity] = series;
    }

    /// <summary>
    /// <c>&lt;object&gt;.&lt;time&gt;.&lt;sequence&gt;</c>: the time (as client-go's) keeps names apart across restarts and
    /// replicas, the sequence apart within one process, where two events can share an instant (a coarse or injected
    /// clock). The object's name is shortened so the whole stays within the 253 characters of a DNS subdomain.
    /// </summary>
    internal static string EventName(string objectName, DateTime now, long sequence)
    {
        var suffix = string.Create(
            CultureInfo.InvariantCulture, $".{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}.{sequence:x}");
        var room = 253 - suffix.Length;
        return (objectName.Length > room ? objectName[..room].TrimEnd('.', '-') : objectName) + suffix;
    }

    /// <summary>The API server's MicroTime layout: RFC 3339 with exactly six fraction digits.</summary>
    private static string MicroTime(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private readonly record struct EventIdentity(
        string Regarding, string Kind, string Type, string Reason, string Action, string Note);

    private sealed class Series(string ns, string name, DateTime firstSeen)
    {
        public string Namespace { get; } = ns;

        public string Name { get; } = name;

        public DateTime FirstSeen { get; } = firstSeen;

        public int Count { get; set; } = 1;
    }
}
