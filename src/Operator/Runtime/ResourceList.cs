using k8s.Models;

namespace Operator.Runtime;

/// <summary>A list response of any kind: its list metadata and items (read by <see cref="ResourceClient"/>).</summary>
internal sealed class ResourceList<T>
{
    public V1ListMeta? Metadata { get; init; }

    public List<T> Items { get; } = [];
}
