namespace Operator.Runtime;

internal static class KubernetesObjectExtensions
{
    /// <summary>A deep copy through <see cref="OperatorJson"/>, safe to mutate (cache objects are shared).</summary>
    public static T DeepClone<T>(this T obj)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(obj);
        return OperatorJson.Deserialize<T>(OperatorJson.ToElement(obj));
    }
}
