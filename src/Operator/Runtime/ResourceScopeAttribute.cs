namespace Operator.Runtime;

/// <summary>
/// Declares whether a custom resource type is namespaced. Required on every custom resource class used with the
/// runtime, because the scope is not part of <c>[KubernetesEntity]</c>; builtin kinds come from a table.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class ResourceScopeAttribute(bool namespaced) : Attribute
{
    public bool Namespaced { get; } = namespaced;
}
