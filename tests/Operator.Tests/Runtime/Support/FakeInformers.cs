using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Operator.Runtime;

namespace Operator.Tests.Runtime.Support;

/// <summary>Informers the test fills by hand; each starts synced unless the test says otherwise.</summary>
internal sealed class FakeInformerFactory : IInformerFactory
{
    private readonly ConcurrentDictionary<Type, IInformer> _informers = new();

    public bool StartSynced { get; init; } = true;

    public IInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => For<T>();

    public FakeInformer<T> For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        (FakeInformer<T>)_informers.GetOrAdd(typeof(T), _ => new FakeInformer<T>(StartSynced));
}

internal sealed class FakeInformer<T>(bool synced) : IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _cache = [];
    private readonly List<Action<InformerEvent<T>>> _handlers = [];
    private readonly TaskCompletionSource _synced = NewSynced(synced);

    public ResourceType Resource { get; } = ResourceType.For<T>();

    public bool HasSynced => _synced.Task.IsCompleted;

    public Task WaitForSyncAsync(CancellationToken ct) => _synced.Task.WaitAsync(ct);

    public void MarkSynced() => _synced.TrySetResult();

    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _cache.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List(string? @namespace = null, Func<T, bool>? filter = null)
    {
        lock (_lock)
        {
            return [.. _cache.Values.Where(o => (@namespace is null || o.Metadata.NamespaceProperty == @namespace)
                && (filter is null || filter(o)))];
        }
    }

    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        lock (_lock)
        {
            foreach (var obj in _cache.Values)
            {
                handler(new InformerEvent<T>(WatchEventType.Added, obj, null));
            }

            _handlers.Add(handler);
        }

        return new Unsubscribe(() =>
        {
            lock (_lock)
            {
                _handlers.Remove(handler);
            }
        });
    }

    public void Put(T obj)
    {
        lock (_lock)
        {
            var key = ObjectKey.From(obj);
            var existed = _cache.TryGetValue(key, out var old);
            _cache[key] = obj;
            Dispatch(new InformerEvent<T>(existed ? WatchEventType.Modified : WatchEventType.Added, obj, old));
        }
    }

    private void Dispatch(InformerEvent<T> e)
    {
        foreach (var handler in _handlers)
        {
            handler(e);
        }
    }

    private static TaskCompletionSource NewSynced(bool synced)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (synced)
        {
            source.SetResult();
        }

        return source;
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>Leadership the test grants and takes away.</summary>
internal sealed class FakeLeadership(bool leader) : ILeadership, IDisposable
{
    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lost = new();

    /// <summary>Completes when someone first waits for leadership.</summary>
    public Task Asked => _asked.Task;

    public bool IsLeader => _leading.Task.IsCompleted && !_lost.IsCancellationRequested;

    public string Identity => "test";

    public CancellationToken LeadershipLost => _lost.Token;

    public Task WaitForLeadershipAsync(CancellationToken ct)
    {
        _asked.TrySetResult();
        if (leader)
        {
            _leading.TrySetResult();
        }

        return _leading.Task.WaitAsync(ct);
    }

    public void Grant() => _leading.TrySetResult();

    public void Lose() => _lost.Cancel();

    public void Dispose() => _lost.Dispose();
}
