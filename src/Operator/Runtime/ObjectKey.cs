using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>Identifies one object of a kind: its namespace (<c>null</c> for cluster-scoped kinds) and name.</summary>
internal readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of <paramref name="obj"/>; an empty namespace becomes <c>null</c>.</summary>
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var ns = obj.Metadata.NamespaceProperty;
        return new ObjectKey(string.IsNullOrEmpty(ns) ? null : ns, obj.Metadata.Name);
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
