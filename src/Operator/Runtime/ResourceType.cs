using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>The REST coordinates of a kind: group, version, plural, kind and scope.</summary>
internal sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    private static readonly ConcurrentDictionary<Type, ResourceType> Cache = new();

    // Scope of the builtin kinds the operator may touch, keyed by (group, kind).
    private static readonly Dictionary<(string Group, string Kind), bool> BuiltinScopes = new()
    {
        [("", "Secret")] = true,
        [("", "ConfigMap")] = true,
        [("", "Service")] = true,
        [("", "ServiceAccount")] = true,
        [("", "Pod")] = true,
        [("", "Event")] = true,
        [("", "Endpoints")] = true,
        [("", "PersistentVolumeClaim")] = true,
        [("", "Namespace")] = false,
        [("", "Node")] = false,
        [("", "PersistentVolume")] = false,
        [("apps", "Deployment")] = true,
        [("apps", "StatefulSet")] = true,
        [("apps", "DaemonSet")] = true,
        [("apps", "ReplicaSet")] = true,
        [("batch", "Job")] = true,
        [("batch", "CronJob")] = true,
        [("networking.k8s.io", "Ingress")] = true,
        [("networking.k8s.io", "NetworkPolicy")] = true,
        [("networking.k8s.io", "IngressClass")] = false,
        [("coordination.k8s.io", "Lease")] = true,
        [("events.k8s.io", "Event")] = true,
        [("policy", "PodDisruptionBudget")] = true,
        [("autoscaling", "HorizontalPodAutoscaler")] = true,
        [("rbac.authorization.k8s.io", "Role")] = true,
        [("rbac.authorization.k8s.io", "RoleBinding")] = true,
        [("rbac.authorization.k8s.io", "ClusterRole")] = false,
        [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = false,
        [("apiextensions.k8s.io", "CustomResourceDefinition")] = false,
    };

    /// <summary><c>v1</c> for the core group, otherwise <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Group and plural, e.g. <c>secrets</c> or <c>scimkeys.scim.example.com</c>; used as a metric label.</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Reads <c>[KubernetesEntity]</c> and the scope of <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The type lacks the attributes the runtime needs.</exception>
    public static ResourceType For<T>() => For(typeof(T));

    /// <inheritdoc cref="For{T}"/>
    public static ResourceType For(Type type) => Cache.GetOrAdd(type, Create);

    private static ResourceType Create(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException(
                $"{type.Name} has no [KubernetesEntity] attribute; add one with Group, ApiVersion, Kind and PluralName.");
        if (string.IsNullOrEmpty(entity.PluralName) || string.IsNullOrEmpty(entity.Kind))
        {
            throw new InvalidOperationException($"[KubernetesEntity] on {type.Name} must set Kind and PluralName.");
        }

        var group = entity.Group ?? "";
        bool namespaced;
        if (type.GetCustomAttribute<ResourceScopeAttribute>() is { } scope)
        {
            namespaced = scope.Namespaced;
        }
        else if (type.Assembly == typeof(V1Secret).Assembly && BuiltinScopes.TryGetValue((group, entity.Kind), out var builtin))
        {
            namespaced = builtin;
        }
        else
        {
            throw new InvalidOperationException(
                $"The scope of {type.Name} is unknown; add [ResourceScope(namespaced: true|false)] to the class.");
        }

        return new ResourceType(group, entity.ApiVersion, entity.PluralName, entity.Kind, namespaced);
    }
}
