using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>The type-independent view of an informer: which resource it caches and whether its cache is complete.</summary>
internal interface IInformer
{
    ResourceType Resource { get; }

    /// <summary>True once the first list of every watched namespace has been loaded into the cache.</summary>
    bool HasSynced { get; }

    Task WaitForSyncAsync(CancellationToken ct);
}

/// <summary>An informer the factory can start.</summary>
internal interface IRunnableInformer
{
    /// <summary>Starts the list/watch loops until <paramref name="ct"/> is cancelled; null when already started.</summary>
    Task? StartOnce(CancellationToken ct);
}

/// <summary>
/// A shared, read-only cache of one kind kept current by list and watch. Objects returned are the cached instances:
/// callers must not mutate them; use <see cref="KubernetesObjectExtensions.DeepClone{T}"/> to get a copy to change.
/// </summary>
internal interface IInformer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    T? Get(ObjectKey key);

    IReadOnlyList<T> List(string? @namespace = null, Func<T, bool>? filter = null);

    /// <summary>
    /// Calls <paramref name="handler"/> for every change, after replaying the current cache as Added events.
    /// Handlers run on the informer's thread and must be quick (e.g. enqueue a key); exceptions are logged.
    /// </summary>
    IDisposable Subscribe(Action<InformerEvent<T>> handler);
}

/// <summary>Hands out one shared informer per type; the per-type label selector is set with AddInformer.</summary>
internal interface IInformerFactory
{
    IInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>;
}
