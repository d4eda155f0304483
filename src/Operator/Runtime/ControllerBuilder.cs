using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>Declares what a controller of <typeparamref name="TEntity"/> watches besides the entity itself.</summary>
internal sealed class ControllerBuilder<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly List<(EventSource Source, bool Batched)> _sources = [];

    /// <summary>
    /// A source of keys: subscribes to an informer and enqueues keys through the callback; the informer is returned
    /// so the controller can wait for it to sync.
    /// </summary>
    internal delegate IInformer EventSource(IInformerFactory informers, Action<ObjectKey> enqueue, out IDisposable subscription);

    /// <summary>The sources; <c>Batched</c> ones (every watch but the entity's own) are delayed by <see cref="BatchDelay"/>.</summary>
    internal IReadOnlyList<(EventSource Source, bool Batched)> Sources => _sources;

    internal int Concurrency { get; private set; } = 1;

    internal TimeSpan BatchDelay { get; private set; }

    private Func<InformerEvent<TEntity>, bool>? _ownFilter;

    /// <summary>
    /// Keeps only the entity's own events that <paramref name="when"/> accepts (default all), e.g.
    /// <see cref="WatchFilters.SpecOrDeletionChanged{T}"/> for a controller that need not see its own status writes.
    /// </summary>
    public ControllerBuilder<TEntity> ReconcileOwnEventsWhen(Func<InformerEvent<TEntity>, bool> when)
    {
        ArgumentNullException.ThrowIfNull(when);
        _ownFilter = when;
        return this;
    }

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
    /// changes (for a Modified event, the keys of the old state too). <paramref name="when"/> keeps only the events
    /// that matter to this controller (e.g. <see cref="WatchFilters.SpecOrDeletionChanged{T}"/>); default all.</summary>
    public ControllerBuilder<TEntity> Watches<TOther>(
        Func<TOther, IEnumerable<ObjectKey>> map, Func<InformerEvent<TOther>, bool>? when = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        return Watches<TOther>((_, other) => map(other), when);
    }

    /// <summary>
    /// Like <see cref="Watches{TOther}(Func{TOther, IEnumerable{ObjectKey}}, Func{InformerEvent{TOther}, bool})"/>, for
    /// mappings that read other caches (e.g. a tenant to the keys that name it).
    /// </summary>
    public ControllerBuilder<TEntity> Watches<TOther>(
        Func<IInformerFactory, TOther, IEnumerable<ObjectKey>> map, Func<InformerEvent<TOther>, bool>? when = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        _sources.Add(((IInformerFactory informers, Action<ObjectKey> enqueue, out IDisposable subscription) =>
        {
            var informer = informers.Get<TOther>();
            subscription = informer.Subscribe(e =>
            {
                if (when is not null && !when(e))
                {
                    return;
                }

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
        }, true));
        return this;
    }

    /// <summary>
    /// Delays the reconciles that watched objects (all but the entity's own events) ask for by
    /// <paramref name="delay"/>, so a burst of changes to related objects costs one reconcile per delay instead of
    /// one per change; the entity's own changes are reconciled at once. Suits controllers that aggregate many
    /// objects into one write (a tenant's key set from its keys). The delay is wall-clock time (see
    /// <see cref="KeyBatcher"/>). Default: no delay.
    /// </summary>
    public ControllerBuilder<TEntity> Batch(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        BatchDelay = delay;
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
        _sources.Insert(0, ((IInformerFactory informers, Action<ObjectKey> enqueue, out IDisposable subscription) =>
        {
            var informer = informers.Get<TEntity>();
            subscription = informer.Subscribe(e =>
            {
                if (_ownFilter is null || _ownFilter(e))
                {
                    enqueue(ObjectKey.From(e.Object));
                }
            });
            return informer;
        }, false));

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
