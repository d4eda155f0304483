using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary><see cref="IKubernetesObjects"/> over the CustomObjects API of the configured client.</summary>
internal sealed class KubernetesObjects(IKubernetes client) : IKubernetesObjects
{
    private readonly ConcurrentDictionary<Type, ResourceClient> _clients = new();

    public async Task<T?> GetAsync<T>(ObjectKey key, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return await For<T>().GetAsync<T>(key, ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    public Task<T> CreateAsync<T>(T obj, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        For<T>().CreateAsync(WithTypeMeta(obj), KeyOf(obj), fieldManager, ct);

    public Task<T> ReplaceAsync<T>(T obj, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        For<T>().ReplaceAsync(WithTypeMeta(obj), KeyOf(obj), status: false, fieldManager, ct);

    public Task<T> PatchAsync<T>(
        ObjectKey key, V1Patch patch, CancellationToken ct, string? fieldManager = null, bool? force = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        For<T>().PatchAsync<T>(key, patch, status: false, fieldManager, force, ct);

    public Task<T> ReplaceStatusAsync<T>(T obj, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        For<T>().ReplaceAsync(WithTypeMeta(obj), KeyOf(obj), status: true, fieldManager, ct);

    public Task<T> PatchStatusAsync<T>(ObjectKey key, V1Patch patch, CancellationToken ct, string? fieldManager = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        For<T>().PatchAsync<T>(key, patch, status: true, fieldManager, force: null, ct);

    public async Task DeleteAsync<T>(ObjectKey key, CancellationToken ct, string? preconditionUid = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var options = new V1DeleteOptions
        {
            PropagationPolicy = "Background",
            Preconditions = preconditionUid is null ? null : new V1Preconditions { Uid = preconditionUid },
        };
        try
        {
            await For<T>().DeleteAsync(key, options, ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.IsNotFound())
        {
            // Already gone: deleting is idempotent.
        }
    }

    private ResourceClient For<T>() =>
        _clients.GetOrAdd(typeof(T), static (type, c) => new ResourceClient(c, ResourceType.For(type)), client);

    private static ObjectKey KeyOf<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        obj.Metadata is null ? throw new ArgumentException("The object has no metadata.", nameof(obj)) : ObjectKey.From(obj);

    /// <summary>Sets apiVersion and kind when missing: a custom resource without kind is a 400.</summary>
    private static T WithTypeMeta<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.For<T>();
        if (string.IsNullOrEmpty(obj.ApiVersion))
        {
            obj.ApiVersion = type.ApiVersion;
        }

        if (string.IsNullOrEmpty(obj.Kind))
        {
            obj.Kind = type.Kind;
        }

        return obj;
    }
}
