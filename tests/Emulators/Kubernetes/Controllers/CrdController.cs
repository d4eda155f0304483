using System.Text.Json.Nodes;
using Emulators.Kubernetes.Api;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Controllers;

/// <summary>
/// The apiextensions controllers: after a CRD is written, serve its resources and set <c>acceptedNames</c>,
/// <c>storedVersions</c> and the NamesAccepted and Established conditions; after it is deleted, delete its
/// custom resources, drop the cleanup finalizer and stop serving.
/// </summary>
internal sealed class CrdController(ObjectLifecycle lifecycle, ResourceRegistry registry, TimeProvider time)
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public void Reconcile()
    {
        var crds = lifecycle.Store.List(BuiltinTypes.Crds.StoreKey, null);
        foreach (var gone in registry.All.Where(t => t.CrdName is not null).Select(t => t.CrdName!).Distinct()
            .Where(name => crds.All(c => c.Name() != name)).ToList())
        {
            registry.RemoveCrd(gone);
        }

        foreach (var crd in crds)
        {
            if (crd.IsTerminating())
            {
                Cleanup(crd);
            }
            else
            {
                Establish(crd);
            }
        }
    }

    public static List<ResourceType> TypesOf(JsonObject crd)
    {
        var spec = crd["spec"]!;
        var names = spec["names"]!;
        var versions = spec["versions"] as JsonArray ?? [];
        var storage = versions.FirstOrDefault(v => v?["storage"]?.GetValue<bool>() == true)?["name"].AsString();
        return [.. versions.OfType<JsonObject>().Where(v => v["served"]?.GetValue<bool>() != false).Select(v => new ResourceType
        {
            Group = spec["group"].AsString() ?? "",
            Version = v.Str("name") ?? "",
            Kind = names.Str("kind") ?? "",
            Plural = names.Str("plural") ?? "",
            Namespaced = spec.Str("scope") != "Cluster",
            ShortNames = Strings(names["shortNames"]),
            Categories = Strings(names["categories"]),
            HasStatus = v["subresources"]?["status"] is not null,
            TracksGeneration = true,
            AllowUnconditionalUpdate = false,
            IsCustom = true,
            CrdName = crd.Name(),
            StorageVersion = storage,
            Schema = v["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
            PrinterColumns = v["additionalPrinterColumns"]?.DeepClone() as JsonArray,
        })];
    }

    private void Establish(JsonObject crd)
    {
        registry.SetCrd(crd.Name(), TypesOf(crd));
        var now = Json.Json.Timestamp(time.GetUtcNow());
        var status = crd["status"]?.DeepClone() as JsonObject ?? new JsonObject();
        status["acceptedNames"] = crd["spec"]!["names"]!.DeepClone();
        var stored = status["storedVersions"] as JsonArray ?? [];
        var storage = (crd["spec"]!["versions"] as JsonArray)?.FirstOrDefault(v => v?["storage"]?.GetValue<bool>() == true)?["name"].AsString();
        if (storage is not null && !stored.Any(s => s.AsString() == storage))
        {
            stored.Add(storage);
        }

        status["storedVersions"] = stored.DeepClone();
        SetCondition(status, "NamesAccepted", "True", "NoConflicts", "no conflicts found", now);
        SetCondition(status, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted", now);
        WriteStatus(crd, status);
    }

    private void Cleanup(JsonObject crd)
    {
        var status = crd["status"]?.DeepClone() as JsonObject ?? new JsonObject();
        SetCondition(status, "Terminating", "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress",
            Json.Json.Timestamp(time.GetUtcNow()));
        WriteStatus(crd, status);
        var type = registry.All.FirstOrDefault(t => t.CrdName == crd.Name());
        if (type is not null)
        {
            foreach (var cr in lifecycle.Store.List(type.StoreKey, null).Where(o => !o.IsTerminating()).ToList())
            {
                lifecycle.Delete(type, cr.Namespace(), cr.Name(), DeleteRequest.Background);
            }

            if (lifecycle.Store.List(type.StoreKey, null).Count > 0)
            {
                return;
            }
        }

        lifecycle.Update(BuiltinTypes.Crds, null, crd.Name(), "", current =>
        {
            current.SetFinalizers(current.Finalizers().Where(f => f != CleanupFinalizer));
            return current;
        }, WriteOptions.Internal, isPut: false);
        registry.RemoveCrd(crd.Name());
    }

    private void WriteStatus(JsonObject crd, JsonObject status)
    {
        if (JsonNode.DeepEquals(crd["status"], status))
        {
            return;
        }

        try
        {
            lifecycle.Update(BuiltinTypes.Crds, null, crd.Name(), "status", current =>
            {
                current["status"] = status;
                return current;
            }, WriteOptions.Internal with { FieldManager = "kube-apiserver" }, isPut: false);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Deleted meanwhile.
        }
    }

    private static void SetCondition(JsonObject status, string type, string value, string reason, string message, string now)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        if (existing is not null && existing.Str("status") == value && existing.Str("reason") == reason)
        {
            return;
        }

        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastTransitionTime"] = existing is not null && existing.Str("status") == value ? existing["lastTransitionTime"]?.DeepClone() : now,
            ["reason"] = reason,
            ["message"] = message,
        };
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray a ? [.. a.Select(x => x.AsString()).OfType<string>()] : [];
}
