using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>
/// A typed client for builtin and custom kinds alike, over the configured <see cref="IKubernetes"/> (so it carries
/// the client's authentication). Errors are <see cref="k8s.Autorest.HttpOperationException"/>; classify them with
/// <see cref="ApiErrors"/>.
/// </summary>
internal interface IKubernetesObjects
{
    /// <summary>Reads from the API server (not the cache); <c>null</c> when the object does not exist.</summary>
    Task<T?> GetAsync<T>(ObjectKey key, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Creates <paramref name="obj"/> (apiVersion and kind are filled in when missing).</summary>
    Task<T> CreateAsync<T>(T obj, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>PUT; carries <c>metadata.resourceVersion</c>, so a stale object fails with 409 Conflict.</summary>
    Task<T> ReplaceAsync<T>(T obj, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    Task<T> PatchAsync<T>(ObjectKey key, V1Patch patch, CancellationToken ct, string? fieldManager = null, bool? force = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>PUT on the <c>/status</c> subresource; 409 Conflict when the resourceVersion is stale.</summary>
    Task<T> ReplaceStatusAsync<T>(T obj, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    Task<T> PatchStatusAsync<T>(ObjectKey key, V1Patch patch, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Deletes with background propagation. A missing object is not an error. With
    /// <paramref name="preconditionUid"/>, a different object of the same name is left alone (409).
    /// </summary>
    Task DeleteAsync<T>(ObjectKey key, CancellationToken ct, string? preconditionUid = null)
        where T : class, IKubernetesObject<V1ObjectMeta>;
}
