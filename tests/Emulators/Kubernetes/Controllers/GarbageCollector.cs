using System.Text.Json.Nodes;
using Emulators.Kubernetes.Api;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Controllers;

/// <summary>
/// The ownerReference garbage collector (kubernetes-api.md §2.9), asynchronous like kube-controller-manager's:
/// deletes dependents whose owners are all gone, cascades Foreground deletions, and strips references for Orphan.
/// An owner in another namespace, or a namespaced owner of a cluster-scoped dependent, counts as absent.
/// </summary>
internal sealed class GarbageCollector(ObjectLifecycle lifecycle, ResourceRegistry registry)
{
    public volatile bool Enabled = true;

    public void Reconcile()
    {
        if (!Enabled)
        {
            return;
        }

        var all = lifecycle.Store.All();
        var byUid = new Dictionary<string, (string StoreKey, JsonObject Object)>(StringComparer.Ordinal);
        foreach (var (key, obj) in all)
        {
            if (obj.Uid() is { } uid)
            {
                byUid[uid] = (key, obj);
            }
        }

        foreach (var (key, obj) in all)
        {
            if (obj["metadata"]?["ownerReferences"] is not JsonArray { Count: > 0 } refs || obj.IsTerminating())
            {
                continue;
            }

            var owners = refs.OfType<JsonObject>().Select(r => Owner(obj, r, byUid)).ToList();
            if (owners.All(o => o is null) ||
                owners.Any(o => o is { } owner && owner.Finalizers().Contains("foregroundDeletion") && owner.IsTerminating()))
            {
                Delete(key, obj);
            }
        }

        foreach (var (key, owner) in all.Where(e => e.Object.IsTerminating()))
        {
            var dependents = all.Where(e => References(e.Object, owner.Uid())).ToList();
            if (owner.Finalizers().Contains("orphan"))
            {
                foreach (var (depKey, dependent) in dependents)
                {
                    Update(depKey, dependent, d => d.Metadata()["ownerReferences"] = new JsonArray(
                        [.. ((JsonArray)d["metadata"]!["ownerReferences"]!).Where(r => r.Str("uid") != owner.Uid()).Select(r => r?.DeepClone())]));
                }

                RemoveFinalizer(key, owner, "orphan");
            }
            else if (owner.Finalizers().Contains("foregroundDeletion") && dependents.Count == 0)
            {
                RemoveFinalizer(key, owner, "foregroundDeletion");
            }
        }
    }

    private JsonObject? Owner(JsonObject dependent, JsonObject reference,
        Dictionary<string, (string StoreKey, JsonObject Object)> byUid)
    {
        if (reference.Str("uid") is not { } uid || !byUid.TryGetValue(uid, out var owner))
        {
            return null;
        }

        var ownerType = registry.ForStoreKey(owner.StoreKey);
        var ownerNamespaced = ownerType?.Namespaced ?? owner.Object.Namespace() is not null;
        if (ownerNamespaced && owner.Object.Namespace() != dependent.Namespace())
        {
            return null;
        }

        return owner.Object;
    }

    private static bool References(JsonObject obj, string? uid) =>
        uid is not null && obj["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r.Str("uid") == uid);

    private void Delete(string storeKey, JsonObject obj)
    {
        if (registry.ForStoreKey(storeKey) is not { } type)
        {
            return;
        }

        try
        {
            lifecycle.Delete(type, obj.Namespace(), obj.Name(), DeleteRequest.Background with { PreconditionUid = obj.Uid() });
        }
        catch (ApiException)
        {
            // Gone or replaced meanwhile; the next pass looks again.
        }
    }

    private void RemoveFinalizer(string storeKey, JsonObject obj, string finalizer) =>
        Update(storeKey, obj, o => o.SetFinalizers(o.Finalizers().Where(f => f != finalizer)));

    private void Update(string storeKey, JsonObject obj, Action<JsonObject> change)
    {
        if (registry.ForStoreKey(storeKey) is not { } type)
        {
            return;
        }

        try
        {
            lifecycle.Update(type, obj.Namespace(), obj.Name(), "", current =>
            {
                change(current);
                return current;
            }, WriteOptions.Internal with { FieldManager = "garbage-collector" }, isPut: false);
        }
        catch (ApiException)
        {
            // Gone or changed meanwhile; the next pass looks again.
        }
    }
}
