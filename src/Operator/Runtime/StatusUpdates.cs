using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>Writes an object's status only when it changed, retrying 409 Conflicts on a fresh read.</summary>
internal static class StatusUpdates
{
    /// <summary>How many times a conflicting status write is retried on a re-read object before giving up.</summary>
    public const int MaxAttempts = 5;

    /// <summary>
    /// Applies <paramref name="mutate"/> to a copy of <paramref name="current"/> (which is not changed, so a cached
    /// object may be passed), sets <c>status.observedGeneration</c> when the status type has one, and PUTs the
    /// <c>/status</c> subresource only when the serialized status differs. On 409 Conflict it reads the object again
    /// and re-applies <paramref name="mutate"/>. <paramref name="mutate"/> returns false for "nothing to change".
    /// </summary>
    /// <returns>The written object, the unchanged copy when nothing changed, or null when the object is gone.</returns>
    public static async Task<T?> UpdateStatusAsync<T>(
        this IKubernetesObjects objects, T current, Func<T, bool> mutate, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(mutate);
        var key = ObjectKey.From(current);
        var obj = current.DeepClone();
        for (var attempt = 1; ; attempt++)
        {
            var before = StatusJson(obj);
            if (!mutate(obj))
            {
                return obj;
            }

            StatusAccessor<T>.SetObservedGeneration(obj);
            if (StatusJson(obj) == before)
            {
                return obj;
            }

            try
            {
                return await objects.ReplaceStatusAsync(obj, ct).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.IsNotFound())
            {
                return null;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.IsConflict() && attempt < MaxAttempts)
            {
                var fresh = await objects.GetAsync<T>(key, ct).ConfigureAwait(false);
                if (fresh is null)
                {
                    return null;
                }

                obj = fresh;
            }
        }
    }

    private static string StatusJson<T>(T obj)
        where T : class => StatusAccessor<T>.Json(obj);

    /// <summary>
    /// The <c>status</c> property of <typeparamref name="T"/> and its <c>observedGeneration</c>, found in the
    /// source-generated JSON metadata (<see cref="OperatorJson"/>), not by reflection, so the native build has them.
    /// </summary>
    private static class StatusAccessor<T>
    {
        private static readonly JsonPropertyInfo Status =
            OperatorJson.TypeInfo<T>().Properties.SingleOrDefault(p => p.Name == "status" && p.Get is not null)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no status property.");

        private static readonly JsonTypeInfo StatusType = OperatorJson.Options.GetTypeInfo(Status.PropertyType);

        private static readonly JsonPropertyInfo? ObservedGeneration = StatusType.Properties.SingleOrDefault(p =>
            p.Name == "observedGeneration" && p.Set is not null
            && (p.PropertyType == typeof(long?) || p.PropertyType == typeof(long)));

        public static string Json(T obj) => JsonSerializer.Serialize(Status.Get!(obj!), StatusType);

        public static void SetObservedGeneration(T obj)
        {
            if (ObservedGeneration is null || obj is not IKubernetesObject<V1ObjectMeta> { Metadata.Generation: { } generation })
            {
                return;
            }

            if (Status.Get!(obj) is { } status)
            {
                ObservedGeneration.Set!(status, generation);
            }
        }
    }
}
