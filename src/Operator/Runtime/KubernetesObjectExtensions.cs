namespace Operator.Runtime;

internal static class KubernetesObjectExtensions
{
    /// <summary>A deep copy through the Kubernetes JSON serializer, safe to mutate (cache objects are shared).</summary>
    public static T DeepClone<T>(this T obj)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(obj);
        return OperatorJson.Clone(obj);
    }
}
