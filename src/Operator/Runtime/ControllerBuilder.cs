using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>Declares what a controller of <typeparamref name="TEntity"/> watches besides the entity itself.</summary>
internal sealed class ControllerBuilder<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly List<EventSource> _sources = [];

    /// <summary>
    /// A source of keys: subscribes to an informer and enqueues keys through the callback; the informer is returned
    /// so the controller can wait for it to sync.
    /// </summary>
    internal delegate IInformer EventSource(IInformerFactory informers, Action<ObjectKey> enqueue, out IDisposable subscription);

    internal IReadOnlyList<EventSource> Sources => _sources;

    internal int Concurrency { get; private set; } = 1;

    /// <summary>
    /// Reconciles the owner when an object of <typeparamref name="TOwned"/> changes: the object's controller
    /// ownerReference of kind <typeparamref name="TEntity"/> names the key.
    /// </summary>
    public ControllerBuilder<TEntity> Owns<TOwned>()
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
    {
        var owner = ResourceType.For<TEntity>();
        return Watches<TOwned>(owned => OwnerKeys(owned, owner));
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns whenever an object of <typeparamref name="TOther"/>
    /// changes (for a Modified event, the keys of the old state too).</summary>
    public ControllerBuilder<TEntity> Watches<TOther>(Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        return Watches<TOther>((_, other) => map(other));
    }

    /// <summary>
    /// Like <see cref="Watches{TOther}(Func{TOther, IEnumerable{ObjectKey}})"/>, for mappings that read other caches
    /// (e.g. a tenant to the keys that name it).
    /// </summary>
    public ControllerBuilder<TEntity> Watches<TOther>(Func<IInformerFactory, TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add((IInformerFactory informers, Action<ObjectKey> enqueue, out IDisposable subscription) =>
        {
            var informer = informers.Get<TOther>();
            subscription = informer.Subscribe(e =>
            {
                foreach (var key in map(informers, e.Object))
                {
                    enqueue(key);
                }

                // A change can move an object away from its old target (e.g. a new tenantRef): tell the old one too.
                if (e.Old is not null && e.Type == WatchEventType.Modified)
                {
                    foreach (var key in map(informers, e.Old))
                    {
                        enqueue(key);
                    }
                }
            });
            return informer;
        });
        return this;
    }

    /// <summary>How many keys are reconciled at once (never two for one key). Default 1.</summary>
    public ControllerBuilder<TEntity> MaxConcurrentReconciles(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Concurrency = workers;
        return this;
    }

    internal void AddPrimarySource() =>
        _sources.Insert(0, (IInformerFactory informers, Action<ObjectKey> enqueue, out IDisposable subscription) =>
        {
            var informer = informers.Get<TEntity>();
            subscription = informer.Subscribe(e => enqueue(ObjectKey.From(e.Object)));
            return informer;
        });

    private static IEnumerable<ObjectKey> OwnerKeys(IKubernetesObject<V1ObjectMeta> owned, ResourceType owner)
    {
        foreach (var reference in owned.Metadata.OwnerReferences ?? [])
        {
            if (reference.Controller == true && reference.Kind == owner.Kind && GroupOf(reference.ApiVersion) == owner.Group)
            {
                yield return new ObjectKey(owner.Namespaced ? owned.Metadata.NamespaceProperty : null, reference.Name);
            }
        }
    }

    private static string GroupOf(string apiVersion) =>
        apiVersion.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? apiVersion[..slash] : "";
}
