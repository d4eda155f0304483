using System.Text.Json;
using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>
/// Raw list, watch and CRUD calls for one <see cref="ResourceType"/>, through the CustomObjects API: it serves every
/// kind, builtins included (the client maps the empty core group to <c>/api/v1</c>), and returns JSON that is read
/// into the typed model with <see cref="KubernetesJson"/>.
/// </summary>
internal sealed class ResourceClient(IKubernetes client, ResourceType type)
{
    private ICustomObjectsOperations Api => client.CustomObjects;

    /// <summary>One list page. <paramref name="ns"/> null lists all namespaces (or the cluster-scoped kind).</summary>
    public async Task<ResourceList<T>> ListAsync<T>(
        string? ns, string? labelSelector, int? limit, string? continueToken, CancellationToken ct)
    {
        var result = type.Namespaced
            ? ns is null
                ? await Api.ListCustomObjectForAllNamespacesAsync(
                    type.Group, type.Version, type.Plural, continueParameter: continueToken,
                    labelSelector: labelSelector, limit: limit, cancellationToken: ct).ConfigureAwait(false)
                : await Api.ListNamespacedCustomObjectAsync(
                    type.Group, type.Version, ns, type.Plural, continueParameter: continueToken,
                    labelSelector: labelSelector, limit: limit, cancellationToken: ct).ConfigureAwait(false)
            : await Api.ListClusterCustomObjectAsync(
                type.Group, type.Version, type.Plural, continueParameter: continueToken,
                labelSelector: labelSelector, limit: limit, cancellationToken: ct).ConfigureAwait(false);
        return ReadList<T>(result);
    }

    /// <summary>A watch from <paramref name="resourceVersion"/> with bookmarks; ERROR events go to <paramref name="onError"/>.</summary>
    public IAsyncEnumerable<(WatchEventType Type, object Object)> WatchAsync(
        string? ns, string? labelSelector, string resourceVersion, int timeoutSeconds, Action<Exception> onError,
        CancellationToken ct) =>
        type.Namespaced
            ? ns is null
                ? Api.WatchListCustomObjectForAllNamespacesAsync(
                    type.Group, type.Version, type.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError,
                    cancellationToken: ct)
                : Api.WatchListNamespacedCustomObjectAsync(
                    type.Group, type.Version, ns, type.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError,
                    cancellationToken: ct)
            : Api.WatchListClusterCustomObjectAsync(
                type.Group, type.Version, type.Plural, allowWatchBookmarks: true, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, onError: onError,
                cancellationToken: ct);

    public async Task<T> GetAsync<T>(ObjectKey key, CancellationToken ct) => Read<T>(Scoped(key)
        ? await Api.GetNamespacedCustomObjectAsync(type.Group, type.Version, key.Namespace!, type.Plural, key.Name, ct)
            .ConfigureAwait(false)
        : await Api.GetClusterCustomObjectAsync(type.Group, type.Version, type.Plural, key.Name, ct).ConfigureAwait(false));

    public async Task<T> CreateAsync<T>(T obj, ObjectKey key, string? fieldManager, CancellationToken ct)
        where T : notnull => Read<T>(Scoped(key)
        ? await Api.CreateNamespacedCustomObjectAsync(
            OperatorJson.ToElement(obj), type.Group, type.Version, key.Namespace!, type.Plural, fieldManager: fieldManager,
            cancellationToken: ct).ConfigureAwait(false)
        : await Api.CreateClusterCustomObjectAsync(
            OperatorJson.ToElement(obj), type.Group, type.Version, type.Plural, fieldManager: fieldManager, cancellationToken: ct)
            .ConfigureAwait(false));

    public async Task<T> ReplaceAsync<T>(T obj, ObjectKey key, bool status, string? fieldManager, CancellationToken ct)
        where T : notnull
    {
        var body = OperatorJson.ToElement(obj);
        object result = (Scoped(key), status) switch
        {
            (true, false) => await Api.ReplaceNamespacedCustomObjectAsync(
                body, type.Group, type.Version, key.Namespace!, type.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: ct).ConfigureAwait(false),
            (true, true) => await Api.ReplaceNamespacedCustomObjectStatusAsync(
                body, type.Group, type.Version, key.Namespace!, type.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: ct).ConfigureAwait(false),
            (false, false) => await Api.ReplaceClusterCustomObjectAsync(
                body, type.Group, type.Version, type.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: ct).ConfigureAwait(false),
            (false, true) => await Api.ReplaceClusterCustomObjectStatusAsync(
                body, type.Group, type.Version, type.Plural, key.Name, fieldManager: fieldManager,
                cancellationToken: ct).ConfigureAwait(false),
        };
        return Read<T>(result);
    }

    public async Task<T> PatchAsync<T>(
        ObjectKey key, V1Patch patch, bool status, string? fieldManager, bool? force, CancellationToken ct)
    {
        object result = (Scoped(key), status) switch
        {
            (true, false) => await Api.PatchNamespacedCustomObjectAsync(
                patch, type.Group, type.Version, key.Namespace!, type.Plural, key.Name, fieldManager: fieldManager,
                force: force, cancellationToken: ct).ConfigureAwait(false),
            (true, true) => await Api.PatchNamespacedCustomObjectStatusAsync(
                patch, type.Group, type.Version, key.Namespace!, type.Plural, key.Name, fieldManager: fieldManager,
                force: force, cancellationToken: ct).ConfigureAwait(false),
            (false, false) => await Api.PatchClusterCustomObjectAsync(
                patch, type.Group, type.Version, type.Plural, key.Name, fieldManager: fieldManager, force: force,
                cancellationToken: ct).ConfigureAwait(false),
            (false, true) => await Api.PatchClusterCustomObjectStatusAsync(
                patch, type.Group, type.Version, type.Plural, key.Name, fieldManager: fieldManager, force: force,
                cancellationToken: ct).ConfigureAwait(false),
        };
        return Read<T>(result);
    }

    public async Task DeleteAsync(ObjectKey key, V1DeleteOptions options, CancellationToken ct)
    {
        if (Scoped(key))
        {
            await Api.DeleteNamespacedCustomObjectAsync(
                type.Group, type.Version, key.Namespace!, type.Plural, key.Name, options, cancellationToken: ct)
                .ConfigureAwait(false);
        }
        else
        {
            await Api.DeleteClusterCustomObjectAsync(
                type.Group, type.Version, type.Plural, key.Name, options, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the client's untyped answer (a <see cref="JsonElement"/>) into <typeparamref name="T"/>.</summary>
    public static T Read<T>(object value) => value switch
    {
        JsonElement json => OperatorJson.Deserialize<T>(json),
        _ => throw new JsonException($"Expected a JSON answer for {typeof(T).Name}, got {value.GetType().Name}."),
    };

    /// <summary>Reads a list answer: its metadata (resourceVersion, continue token) and each item.</summary>
    private static ResourceList<T> ReadList<T>(object value)
    {
        if (value is not JsonElement { ValueKind: JsonValueKind.Object } json)
        {
            throw new JsonException($"Expected a JSON list of {typeof(T).Name}, got {value.GetType().Name}.");
        }

        var list = new ResourceList<T>
        {
            Metadata = json.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                ? OperatorJson.Deserialize<V1ListMeta>(metadata)
                : null,
        };
        if (json.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                list.Items.Add(OperatorJson.Deserialize<T>(item));
            }
        }

        return list;
    }

    private bool Scoped(ObjectKey key)
    {
        if (type.Namespaced && key.Namespace is null)
        {
            throw new ArgumentException($"{type.Kind} is namespaced; the key {key} needs a namespace.", nameof(key));
        }

        return type.Namespaced;
    }
}
