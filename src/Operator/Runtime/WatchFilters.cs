using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>Event filters for <see cref="ControllerBuilder{TEntity}.Watches{TOther}(Func{TOther, IEnumerable{ObjectKey}}, Func{InformerEvent{TOther}, bool})"/>.</summary>
internal static class WatchFilters
{
    /// <summary>
    /// Added and Deleted, and a Modified that changes the spec (the generation), starts the deletion or replaces the
    /// object (a new uid); not a write to status or other metadata. For resources with a status subresource, whose
    /// generation counts spec changes only: a watcher that reads their spec then skips every status write.
    /// </summary>
    public static bool SpecOrDeletionChanged<T>(InformerEvent<T> e)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        e.Type != WatchEventType.Modified || e.Old is null ||
        e.Old.Metadata.Generation != e.Object.Metadata.Generation ||
        e.Old.Metadata.DeletionTimestamp != e.Object.Metadata.DeletionTimestamp ||
        e.Old.Metadata.Uid != e.Object.Metadata.Uid;
}
