using System.Text.Json.Nodes;
using Emulators.Kubernetes.Api;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Controllers;

/// <summary>
/// The namespace controller: empties a terminating namespace (objects with finalizers stay until released), then
/// drops the <c>kubernetes</c> spec finalizer so the namespace goes away.
/// </summary>
internal sealed class NamespaceController(ObjectLifecycle lifecycle, ResourceRegistry registry)
{
    public void Reconcile()
    {
        foreach (var ns in lifecycle.Store.List(BuiltinTypes.Namespaces.StoreKey, null).Where(n => n.IsTerminating()))
        {
            var name = ns.Name();
            var remaining = 0;
            foreach (var type in registry.All.Where(t => t.Namespaced).DistinctBy(t => t.StoreKey))
            {
                foreach (var obj in lifecycle.Store.List(type.StoreKey, name))
                {
                    remaining++;
                    if (!obj.IsTerminating())
                    {
                        TryDelete(type, obj);
                    }
                }
            }

            if (remaining == 0)
            {
                try
                {
                    lifecycle.Update(BuiltinTypes.Namespaces, null, name, "", current =>
                    {
                        current.Obj("spec")["finalizers"] = new JsonArray();
                        return current;
                    }, WriteOptions.Internal with { FieldManager = "namespace-controller" }, isPut: false);
                }
                catch (ApiException)
                {
                    // Changed meanwhile; the next pass looks again.
                }
            }
        }
    }

    private void TryDelete(ResourceType type, JsonObject obj)
    {
        try
        {
            lifecycle.Delete(type, obj.Namespace(), obj.Name(), DeleteRequest.Background);
        }
        catch (ApiException)
        {
            // Gone meanwhile.
        }
    }
}
