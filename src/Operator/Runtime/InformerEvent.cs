using k8s;

namespace Operator.Runtime;

/// <summary>A change seen by an informer. <paramref name="Old"/> is the cached state before a Modified or Deleted.</summary>
internal readonly record struct InformerEvent<T>(WatchEventType Type, T Object, T? Old)
    where T : class;
