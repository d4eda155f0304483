using System.Text.Json.Nodes;
using Emulators.Kubernetes.Admission;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Patching;
using Emulators.Kubernetes.Registry;
using Emulators.Kubernetes.Schema;
using Emulators.Kubernetes.Store;

namespace Emulators.Kubernetes.Api;

/// <summary>
/// The apiserver's write path for every kind: create stamping (§2.3), optimistic concurrency (§2.4), status
/// subresource and generation rules (§2.7), finalizers and deletion (§2.8), CR pruning, defaulting and validation
/// (§2.12) and builtin admission (§2.14). HTTP handlers and the emulator's controllers both write through it.
/// </summary>
internal sealed class ObjectLifecycle(ObjectStore store, TimeProvider time, ClusterIpAllocator ips)
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public ObjectStore Store { get; } = store;

    public WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        CheckKind(type, body);
        var obj = Json.Json.Clone(body);
        var meta = obj.Metadata();
        if (type.Namespaced)
        {
            var bodyNs = meta.Str("namespace");
            if (bodyNs is not null && bodyNs != ns)
            {
                throw ApiErrors.BadRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }

        lock (Store.Gate)
        {
            if (type.Namespaced)
            {
                CheckNamespace(ns!);
            }

            if (string.IsNullOrEmpty(meta.Str("name")))
            {
                var prefix = meta.Str("generateName");
                if (string.IsNullOrEmpty(prefix))
                {
                    throw ApiErrors.Invalid(type, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
                }

                meta["name"] = GenerateName(type, ns, prefix);
            }

            var now = time.GetUtcNow();
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Json.Json.Timestamp(now);
            foreach (var serverOwned in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
            {
                meta.Remove(serverOwned);
            }

            if (options.Operation != "Apply")
            {
                meta.Remove("managedFields");
            }

            if (type.TracksGeneration)
            {
                meta["generation"] = 1;
            }
            else
            {
                meta.Remove("generation");
            }

            if (type.HasStatus)
            {
                obj.Remove("status");
            }

            var warnings = Admit(type, obj, null, "", options);
            if (Store.Get(type.StoreKey, ns, obj.Name()) is not null)
            {
                throw ApiErrors.AlreadyExists(type, obj.Name());
            }

            ManagedFields.Record(null, obj, options, type.ApiVersion, "", now);
            var stored = options.DryRun ? obj : Store.Write(type.StoreKey, obj, null);
            return new WriteResult(stored, warnings, Created: true);
        }
    }

    /// <summary>
    /// Read-modify-write of an existing object. <paramref name="build"/> turns a copy of the stored object into the
    /// candidate; a candidate resourceVersion that differs from the stored one is a 409.
    /// </summary>
    public WriteResult Update(ResourceType type, string? ns, string name, string subresource,
        Func<JsonObject, JsonObject> build, WriteOptions options, bool isPut)
    {
        lock (Store.Gate)
        {
            var current = Store.Get(type.StoreKey, ns, name) ?? throw ApiErrors.NotFound(type, name);
            var candidate = build(Json.Json.Clone(current));
            CheckKind(type, candidate);
            var rv = candidate["metadata"].Str("resourceVersion");
            if (string.IsNullOrEmpty(rv))
            {
                if (isPut && !type.AllowUnconditionalUpdate)
                {
                    throw ApiErrors.Invalid(type, name,
                        [FieldError.Invalid("metadata.resourceVersion", "0x0", "must be specified for an update")]);
                }
            }
            else if (rv != current["metadata"].Str("resourceVersion"))
            {
                throw ApiErrors.Conflict(type, name);
            }

            return Commit(type, current, candidate, subresource, options);
        }
    }

    /// <summary>Validates and stores a candidate replacing <paramref name="current"/>; holds the gate.</summary>
    public WriteResult Commit(ResourceType type, JsonObject current, JsonObject candidate, string subresource,
        WriteOptions options)
    {
        lock (Store.Gate)
        {
            var name = current.Name();
            if (candidate.Name() != name)
            {
                throw ApiErrors.BadRequest($"the name of the object ({candidate.Name()}) does not match the name on the URL ({name})");
            }

            if (type.Namespaced && candidate.Namespace() is { } candidateNs && candidateNs != current.Namespace())
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            if (subresource == "status")
            {
                var next = Json.Json.Clone(current);
                SetOrRemove(next, "status", candidate["status"]);
                if (candidate["metadata"]?["managedFields"] is { } mf)
                {
                    next.Metadata()["managedFields"] = mf.DeepClone();
                }

                candidate = next;
            }
            else if (type.HasStatus)
            {
                SetOrRemove(candidate, "status", current["status"]);
            }

            var meta = candidate.Metadata();
            var oldMeta = current.Metadata();
            foreach (var kept in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name" })
            {
                SetOrRemove(meta, kept, oldMeta[kept]);
            }

            if (current.IsTerminating())
            {
                var added = candidate.Finalizers().Except(current.Finalizers()).ToList();
                if (added.Count > 0)
                {
                    throw ApiErrors.Invalid(type, name, [FieldError.Forbidden("metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers []string{" +
                        string.Join(", ", added.Select(f => $"\"{f}\"")) + "}")]);
                }
            }

            var warnings = Admit(type, candidate, current, subresource, options);
            if (type.TracksGeneration && !Json.Json.DeepEquals(WithoutMetadata(type, current), WithoutMetadata(type, candidate)))
            {
                meta["generation"] = (oldMeta["generation"]?.GetValue<long>() ?? 0) + 1;
            }

            meta["resourceVersion"] = oldMeta["resourceVersion"]?.DeepClone();
            if (SameIgnoringManagedFields(current, candidate))
            {
                return new WriteResult(current, warnings, Created: false);
            }

            ManagedFields.Record(current, candidate, options, type.ApiVersion, subresource, time.GetUtcNow());
            if (options.DryRun)
            {
                return new WriteResult(candidate, warnings, Created: false);
            }

            var stored = candidate.IsTerminating() && candidate.Finalizers().Count == 0 && !HasSpecFinalizers(type, candidate)
                ? Store.Remove(type.StoreKey, candidate)
                : Store.Write(type.StoreKey, candidate, current);
            return new WriteResult(stored, warnings, Created: false);
        }
    }

    /// <summary>
    /// DELETE: removes the object, or, while finalizers remain, marks it terminating and returns it. The first
    /// item says whether the object is gone.
    /// </summary>
    public (bool Removed, JsonObject Object) Delete(ResourceType type, string? ns, string name, DeleteRequest request)
    {
        lock (Store.Gate)
        {
            var current = Store.Get(type.StoreKey, ns, name) ?? throw ApiErrors.NotFound(type, name);
            if (request.PreconditionUid is { } uid && uid != current.Uid())
            {
                throw ApiErrors.Conflict(type, name,
                    $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid()}");
            }

            if (request.PreconditionRv is { } rv && rv != current["metadata"].Str("resourceVersion"))
            {
                throw ApiErrors.Conflict(type, name,
                    $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current["metadata"].Str("resourceVersion")}");
            }

            var finalizers = current.Finalizers();
            if (!current.IsTerminating())
            {
                switch (request.PropagationPolicy)
                {
                    case "Foreground" when !finalizers.Contains("foregroundDeletion"):
                        finalizers.Add("foregroundDeletion");
                        break;
                    case "Orphan" when !finalizers.Contains("orphan"):
                        finalizers.Add("orphan");
                        break;
                    default:
                        break;
                }

                if (type == BuiltinTypes.Crds)
                {
                    finalizers.Add("customresourcecleanup.apiextensions.k8s.io");
                }
            }

            if (finalizers.Count == 0 && !HasSpecFinalizers(type, current))
            {
                return (true, request.DryRun ? current : Store.Remove(type.StoreKey, current));
            }

            if (current.IsTerminating())
            {
                return (false, current);
            }

            var next = Json.Json.Clone(current);
            next.SetFinalizers(finalizers);
            var meta = next.Metadata();
            meta["deletionTimestamp"] = Json.Json.Timestamp(time.GetUtcNow());
            meta["deletionGracePeriodSeconds"] = 0;
            if (type.TracksGeneration)
            {
                meta["generation"] = (meta["generation"]?.GetValue<long>() ?? 0) + 1;
            }

            if (type == BuiltinTypes.Namespaces)
            {
                next.Obj("status")["phase"] = "Terminating";
            }

            return (false, request.DryRun ? next : Store.Write(type.StoreKey, next, current));
        }
    }

    private List<string> Admit(ResourceType type, JsonObject obj, JsonObject? old, string subresource, WriteOptions options)
    {
        var warnings = new List<string>();
        var errors = new List<FieldError>();
        if (type.IsCustom)
        {
            var unknown = StructuralSchema.Prune(obj, type.Schema);
            if (unknown.Count > 0 && subresource != "status")
            {
                switch (options.FieldValidation)
                {
                    case "Strict":
                        throw ApiErrors.BadRequest("strict decoding error: " +
                            string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
                    case "Warn":
                        warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
                        break;
                    default:
                        break;
                }
            }

            StructuralSchema.Default(obj, type.Schema);
            errors.AddRange(SchemaValidator.Validate(obj, type.Schema));
        }

        if (type.Admission is { } admission)
        {
            var context = new AdmissionContext(type, obj, old, ips);
            admission.Admit(context);
            errors.AddRange(context.Errors);
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(type, obj.Name(), errors);
        }

        return warnings;
    }

    private void CheckNamespace(string ns)
    {
        var namespaceObject = Store.Get(BuiltinTypes.Namespaces.StoreKey, null, ns) ?? throw ApiErrors.NamespaceNotFound(ns);
        if (namespaceObject.IsTerminating())
        {
            throw ApiErrors.Forbidden(
                $"unable to create new content in namespace {ns} because it is being terminated",
                new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });
        }
    }

    private string GenerateName(ResourceType type, string? ns, string prefix)
    {
        if (prefix.Length > 58)
        {
            prefix = prefix[..58];
        }

        while (true)
        {
            var suffix = new string([.. Enumerable.Range(0, 5)
                .Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)])]);
            if (Store.Get(type.StoreKey, ns, prefix + suffix) is null)
            {
                return prefix + suffix;
            }
        }
    }

    private static void CheckKind(ResourceType type, JsonObject body)
    {
        var kind = body["kind"].AsString();
        var apiVersion = body["apiVersion"].AsString();
        if (type.IsCustom && (kind is null || apiVersion is null))
        {
            throw ApiErrors.BadRequest(kind is null
                ? $"Object 'Kind' is missing in '{Json.Json.Serialize(body)}'"
                : $"Object 'apiVersion' is missing in '{Json.Json.Serialize(body)}'");
        }

        if ((kind is not null && kind != type.Kind) || (apiVersion is not null && apiVersion != type.ApiVersion &&
            !(type.IsCustom && apiVersion.StartsWith(type.Group + "/", StringComparison.Ordinal))))
        {
            throw ApiErrors.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        body["apiVersion"] = type.StorageVersion is { } storage ? $"{type.Group}/{storage}" : type.ApiVersion;
        body["kind"] = type.Kind;
    }

    private static bool HasSpecFinalizers(ResourceType type, JsonObject obj) =>
        type == BuiltinTypes.Namespaces && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    private static JsonObject WithoutMetadata(ResourceType type, JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is not ("metadata" or "apiVersion" or "kind") && !(type.HasStatus && key == "status"))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static bool SameIgnoringManagedFields(JsonObject a, JsonObject b)
    {
        var x = Json.Json.Clone(a);
        var y = Json.Json.Clone(b);
        x.Metadata().Remove("managedFields");
        y.Metadata().Remove("managedFields");
        return Json.Json.DeepEquals(x, y);
    }

    private static void SetOrRemove(JsonObject target, string key, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = value.DeepClone();
        }
    }
}
