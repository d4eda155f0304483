using System.Collections.Concurrent;
using System.Collections.Immutable;
using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>
/// Keeps a cache of one kind current: a paged list, then a watch with bookmarks from the list's resourceVersion.
/// A watch that ends is resumed from the last resourceVersion seen (events and bookmarks); a 410 Expired relists, and
/// the relist is diffed against the cache so every change becomes an event. Failures reconnect with jittered
/// backoff, forever, with a log line and a metric each time. One loop per configured namespace (or one for all).
/// </summary>
internal sealed class Informer<T> : IInformer<T>, IRunnableInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, T> _cache = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ResourceClient _client;
    private readonly IReadOnlyList<string?> _scopes;
    private readonly string? _labelSelector;
    private readonly InformerOptions _options;
    private readonly OperatorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private ImmutableArray<Action<InformerEvent<T>>> _handlers = [];
    private int _unsyncedScopes;
    private int _started;

    public Informer(
        IKubernetes client, IReadOnlyList<string> namespaces, string? labelSelector, InformerOptions options,
        OperatorMetrics metrics, ILogger logger, TimeProvider time)
    {
        Resource = ResourceType.For<T>();
        _client = new ResourceClient(client, Resource);
        _scopes = Resource.Namespaced && namespaces.Count > 0 ? [.. namespaces.Distinct()] : [null];
        _unsyncedScopes = _scopes.Count;
        _labelSelector = labelSelector;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _metrics.InformerSynced(Resource, false);
    }

    public ResourceType Resource { get; }

    public bool HasSynced => _synced.Task.IsCompleted;

    public Task WaitForSyncAsync(CancellationToken ct) => _synced.Task.WaitAsync(ct);

    public T? Get(ObjectKey key) => _cache.GetValueOrDefault(key);

    public IReadOnlyList<T> List(string? @namespace = null, Func<T, bool>? filter = null) =>
        [.. _cache.Where(p => @namespace is null || p.Key.Namespace == @namespace)
            .Select(p => p.Value)
            .Where(o => filter is null || filter(o))];

    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            foreach (var obj in _cache.Values)
            {
                Invoke(handler, new InformerEvent<T>(WatchEventType.Added, obj, null));
            }

            _handlers = _handlers.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _handlers = _handlers.Remove(handler);
            }
        });
    }

    /// <summary>Starts the list/watch loops, which run until <paramref name="ct"/> is cancelled; null if started.</summary>
    public Task? StartOnce(CancellationToken ct) => Interlocked.Exchange(ref _started, 1) == 0
        ? Task.WhenAll(_scopes.Select(scope => Task.Run(() => RunScopeAsync(scope, ct), CancellationToken.None)))
        : null;

    private async Task RunScopeAsync(string? ns, CancellationToken ct)
    {
        var scope = ns ?? (Resource.Namespaced ? "all namespaces" : "cluster");
        var position = new WatchPosition();
        var failures = 0;
        var listedOnce = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (position.ResourceVersion is null)
                {
                    position.ResourceVersion = await RelistAsync(ns, scope, ct).ConfigureAwait(false);
                    if (!listedOnce)
                    {
                        // Counts this scope once: a relist after a 410 must not count for a scope still unlisted.
                        listedOnce = true;
                        MarkScopeSynced();
                    }
                }

                var outcome = await WatchAsync(ns, scope, position, ct).ConfigureAwait(false);
                failures = outcome.Healthy ? 0 : failures + 1;
                _metrics.WatchRestarted(Resource, outcome.Reason);
                RuntimeLog.WatchRestart(_logger, Resource.Resource, scope, outcome.Reason, position.ResourceVersion);
                if (!outcome.Healthy)
                {
                    await DelayAsync(failures, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A failed list keeps the position empty (list again); a dropped watch resumes from the last
                // resourceVersion it delivered.
                failures++;
                _metrics.WatchRestarted(Resource, "error");
                var delay = Backoff(failures);
                RuntimeLog.ListWatchFailed(
                    _logger, Resource.Resource, scope, e.GetType().Name, (int?)ApiErrors.StatusOf(e),
                    (long)delay.TotalMilliseconds);
                if (e.IsGone())
                {
                    position.ResourceVersion = null;
                }

                try
                {
                    await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<string> RelistAsync(string? ns, string scope, CancellationToken ct)
    {
        var listed = new Dictionary<ObjectKey, T>();
        string? continueToken = null;
        string? resourceVersion;
        var pages = 0;
        do
        {
            var page = await _client.ListAsync<T>(ns, _labelSelector, _options.PageSize, continueToken, ct)
                .ConfigureAwait(false);
            pages++;
            foreach (var item in page.Items)
            {
                listed[ObjectKey.From(item)] = item;
            }

            continueToken = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        if (string.IsNullOrEmpty(resourceVersion))
        {
            throw new InvalidOperationException($"The list of {Resource.Resource} carried no resourceVersion.");
        }

        ApplyList(ns, listed);
        RuntimeLog.Listed(_logger, Resource.Resource, scope, listed.Count, resourceVersion, pages);
        return resourceVersion;
    }

    /// <summary>
    /// Drops <c>managedFields</c> from cached objects: nothing reads them, and for objects written by several managers
    /// they are often the larger part of the object. An update that omits them leaves the server's copy unchanged.
    /// </summary>
    private static void Trim(T obj) => obj.Metadata.ManagedFields = null;

    /// <summary>Replaces the scope's part of the cache with <paramref name="listed"/>, emitting the differences.</summary>
    private void ApplyList(string? ns, Dictionary<ObjectKey, T> listed)
    {
        lock (_gate)
        {
            foreach (var (key, obj) in listed)
            {
                Trim(obj);
                if (!_cache.TryGetValue(key, out var old))
                {
                    _cache[key] = obj;
                    Dispatch(new InformerEvent<T>(WatchEventType.Added, obj, null));
                }
                else if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
                {
                    _cache[key] = obj;
                    Dispatch(new InformerEvent<T>(WatchEventType.Modified, obj, old));
                }
            }

            foreach (var (key, old) in _cache)
            {
                if ((ns is null || key.Namespace == ns) && !listed.ContainsKey(key) && _cache.TryRemove(key, out _))
                {
                    Dispatch(new InformerEvent<T>(WatchEventType.Deleted, old, old));
                }
            }
        }
    }

    private async Task<WatchOutcome> WatchAsync(string? ns, string scope, WatchPosition position, CancellationToken ct)
    {
        var expired = false;
        Exception? streamError = null;
        var events = 0;
        var timeout = (int)(_options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));

        // The client reports ERROR events and lines it cannot read to OnError and then reads on. Either means an
        // update may be lost, so the watch is ended at once (and relisted below) instead of at its timeout.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void OnError(Exception e)
        {
            if (e.IsGone())
            {
                expired = true;
            }
            else
            {
                streamError ??= e;
            }

            stop.Cancel();
        }

        try
        {
            await foreach (var (type, raw) in _client.WatchAsync(ns, _labelSelector, position.ResourceVersion!, timeout, OnError, stop.Token)
                .ConfigureAwait(false))
            {
                events++;
                var obj = ResourceClient.Read<T>(raw);
                if (type != WatchEventType.Bookmark)
                {
                    Apply(type, obj);
                }

                if (obj.Metadata?.ResourceVersion is { Length: > 0 } rv)
                {
                    position.ResourceVersion = rv;
                }
            }
        }
        catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
        {
            // The client throws this for a watch that ends without a single event (e.g. timeoutSeconds passed
            // without bookmarks): a normal end.
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Ended by OnError above.
        }

        if (expired)
        {
            position.ResourceVersion = null;
            return new WatchOutcome("expired", Healthy: true);
        }

        if (streamError is not null)
        {
            // An ERROR event other than 410, or an event the client could not read: an update may be lost, so the
            // safe way on is a relist, which the diff turns into events.
            RuntimeLog.WatchErrorEvent(
                _logger, Resource.Resource, scope, streamError.GetType().Name, (int?)ApiErrors.StatusOf(streamError));
            position.ResourceVersion = null;
            return new WatchOutcome("error", Healthy: false);
        }

        // A watch that closes without events may be a server closing at once; back off a little then.
        return new WatchOutcome("closed", Healthy: events > 0);
    }

    private void Apply(WatchEventType type, T obj)
    {
        var key = ObjectKey.From(obj);
        lock (_gate)
        {
            if (type == WatchEventType.Deleted)
            {
                _cache.TryRemove(key, out var old);
                Dispatch(new InformerEvent<T>(WatchEventType.Deleted, obj, old));
                return;
            }

            Trim(obj);
            var existed = _cache.TryGetValue(key, out var previous);
            _cache[key] = obj;
            Dispatch(new InformerEvent<T>(existed ? WatchEventType.Modified : WatchEventType.Added, obj, previous));
        }
    }

    private void Dispatch(InformerEvent<T> e)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, e);
        }
    }

    private void Invoke(Action<InformerEvent<T>> handler, InformerEvent<T> e)
    {
        try
        {
            handler(e);
        }
#pragma warning disable CA1031 // A faulty handler must not stop the informer; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RuntimeLog.HandlerFailed(_logger, Resource.Resource, ex.GetType().Name);
        }
    }

    private void MarkScopeSynced()
    {
        if (_synced.Task.IsCompleted || Interlocked.Decrement(ref _unsyncedScopes) > 0)
        {
            return;
        }

        _metrics.InformerSynced(Resource, true);
        RuntimeLog.InformerSynced(_logger, Resource.Resource);
        _synced.TrySetResult();
    }

    private Task DelayAsync(int failures, CancellationToken ct) => Task.Delay(Backoff(failures), _time, ct);

    /// <summary>Doubling from MinBackoff to MaxBackoff, with up to 50% random jitter so replicas spread out.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ms = Math.Min(
            _options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)),
            _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (1 + (Random.Shared.NextDouble() / 2)));
    }

    private readonly record struct WatchOutcome(string Reason, bool Healthy);

    /// <summary>Where a scope's watch resumes; <c>null</c> means list first.</summary>
    private sealed class WatchPosition
    {
        public string? ResourceVersion { get; set; }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
