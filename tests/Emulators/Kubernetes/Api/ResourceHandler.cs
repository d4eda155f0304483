using System.Text;
using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Patching;
using Emulators.Kubernetes.Selectors;
using Emulators.Kubernetes.Tables;

namespace Emulators.Kubernetes.Api;

/// <summary>The verbs on a resource: get, list, create, update, patch, delete and deletecollection.</summary>
internal sealed class ResourceHandler(ObjectLifecycle lifecycle, TimeProvider time)
{
    public async Task GetAsync(ApiRequest request)
    {
        var type = request.Type;
        var stored = lifecycle.Store.Get(type.StoreKey, request.Namespace, request.Name!) ??
            throw ApiErrors.NotFound(type, request.Name!);
        var obj = Output.Present(type, stored);
        if (request.WantsTable)
        {
            await Output.WriteAsync(request.Http, 200, TableConverter.Convert(type, [obj],
                obj["metadata"].Str("resourceVersion") ?? "", null, request.Query("includeObject"), time.GetUtcNow()),
                "application/json;as=Table;v=v1;g=meta.k8s.io");
            return;
        }

        await Output.WriteAsync(request.Http, 200, obj);
    }

    public async Task ListAsync(ApiRequest request)
    {
        var type = request.Type;
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), type);
        List<JsonObject> items;
        long rv;
        lock (lifecycle.Store.Gate)
        {
            rv = lifecycle.Store.CurrentRv;
            items = [.. lifecycle.Store.List(type.StoreKey, request.Namespace)
                .Where(o => labels.Matches(o.Labels()) && fields.Matches(o))];
        }

        string? after = null;
        if (!string.IsNullOrEmpty(request.Query("continue")))
        {
            (rv, after) = DecodeContinue(request.Query("continue")!);
            items = [.. items.Where(o => string.CompareOrdinal(Key(o), after) > 0)];
        }

        string? next = null;
        var remaining = 0;
        if (int.TryParse(request.Query("limit"), out var limit) && limit > 0 && items.Count > limit)
        {
            remaining = items.Count - limit;
            items = items[..limit];
            next = EncodeContinue(rv, Key(items[^1]));
        }

        var rvText = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var presented = items.Select(o => Output.Present(type, o)).ToList();
        if (request.WantsTable)
        {
            await Output.WriteAsync(request.Http, 200, TableConverter.Convert(type, presented, rvText, next,
                request.Query("includeObject"), time.GetUtcNow()), "application/json;as=Table;v=v1;g=meta.k8s.io");
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = rvText };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        var list = new JsonArray();
        foreach (var item in presented)
        {
            if (!type.IsCustom)
            {
                item.Remove("apiVersion");
                item.Remove("kind");
            }

            list.Add(item);
        }

        await Output.WriteAsync(request.Http, 200, new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = list,
        });
    }

    public async Task CreateAsync(ApiRequest request)
    {
        var body = await request.ReadObjectAsync();
        var result = lifecycle.Create(request.Type, request.Namespace, body, request.WriteOptions);
        await Output.WriteAsync(request.Http, 201, Output.Present(request.Type, result.Object), warnings: result.Warnings);
    }

    public async Task UpdateAsync(ApiRequest request)
    {
        var body = await request.ReadObjectAsync();
        var bodyName = body["metadata"].Str("name");
        if (bodyName is not null && bodyName != request.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        body.Metadata()["name"] = request.Name;
        var result = lifecycle.Update(request.Type, request.Namespace, request.Name!, request.Subresource,
            _ => body, request.WriteOptions, isPut: true);
        await Output.WriteAsync(request.Http, 200, Output.Present(request.Type, result.Object), warnings: result.Warnings);
    }

    public async Task PatchAsync(ApiRequest request)
    {
        var type = request.Type;
        var mediaType = request.ContentType;
        string[] accepted = type.IsCustom
            ? ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
            : ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];
        if (!accepted.Contains(mediaType))
        {
            throw ApiErrors.UnsupportedMediaType(accepted);
        }

        var patch = await request.ReadBodyAsync();
        if (mediaType == "application/apply-patch+yaml")
        {
            await ApplyAsync(request, patch as JsonObject ?? throw ApiErrors.BadRequest("apply patches must be objects"));
            return;
        }

        Func<JsonObject, JsonObject> build = mediaType switch
        {
            "application/json-patch+json" => current => JsonPatch.Apply(current, patch,
                message => new ApiException(422, ApiErrors.Body(422, "Invalid", message, null))),
            "application/merge-patch+json" => current =>
                MergePatch.Apply(current, patch) as JsonObject ?? throw ApiErrors.BadRequest("merge patch must be an object"),
            _ => current => StrategicMergePatch.Apply(current,
                patch as JsonObject ?? throw ApiErrors.BadRequest("strategic merge patch must be an object")),
        };
        var result = lifecycle.Update(type, request.Namespace, request.Name!, request.Subresource, build,
            request.WriteOptions, isPut: false);
        await Output.WriteAsync(request.Http, 200, Output.Present(type, result.Object), warnings: result.Warnings);
    }

    public async Task DeleteAsync(ApiRequest request)
    {
        var options = await DeleteOptionsAsync(request);
        var (removed, obj) = lifecycle.Delete(request.Type, request.Namespace, request.Name!, options);
        await Output.WriteAsync(request.Http, 200, removed
            ? ApiErrors.Success(request.Type, request.Name!, obj.Uid())
            : Output.Present(request.Type, obj));
    }

    public async Task DeleteCollectionAsync(ApiRequest request)
    {
        var type = request.Type;
        var options = await DeleteOptionsAsync(request);
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), type);
        var items = new JsonArray();
        foreach (var obj in lifecycle.Store.List(type.StoreKey, request.Namespace)
            .Where(o => labels.Matches(o.Labels()) && fields.Matches(o)).ToList())
        {
            try
            {
                items.Add(Output.Present(type, lifecycle.Delete(type, obj.Namespace(), obj.Name(), options).Object));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: nothing left to do for this one.
            }
        }

        await Output.WriteAsync(request.Http, 200, new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = lifecycle.Store.CurrentRv.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        });
    }

    private async Task ApplyAsync(ApiRequest request, JsonObject applied)
    {
        var type = request.Type;
        var manager = request.Query("fieldManager");
        if (string.IsNullOrEmpty(manager))
        {
            throw ApiErrors.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        }

        if (applied["metadata"].Str("name") is { } name && name != request.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
        }

        var force = request.Flag("force");
        var options = request.WriteOptions with { Operation = "Apply" };
        var now = time.GetUtcNow();
        WriteResult result;
        lock (lifecycle.Store.Gate)
        {
            if (lifecycle.Store.Get(type.StoreKey, request.Namespace, request.Name!) is null)
            {
                if (request.Subresource.Length > 0)
                {
                    throw ApiErrors.NotFound(type, request.Name!);
                }

                var fresh = new JsonObject
                {
                    ["apiVersion"] = applied["apiVersion"]?.DeepClone(),
                    ["kind"] = applied["kind"]?.DeepClone(),
                    ["metadata"] = new JsonObject { ["name"] = request.Name },
                };
                var merged = ServerSideApply.Apply(type, fresh, applied, manager, force, type.ApiVersion, now);
                result = lifecycle.Create(type, request.Namespace, merged, options);
            }
            else
            {
                result = lifecycle.Update(type, request.Namespace, request.Name!, request.Subresource,
                    current => ServerSideApply.Apply(type, current, applied, manager, force, type.ApiVersion, now),
                    options, isPut: false);
            }
        }

        await Output.WriteAsync(request.Http, result.Created ? 201 : 200, Output.Present(type, result.Object),
            warnings: result.Warnings);
    }

    private static async Task<DeleteRequest> DeleteOptionsAsync(ApiRequest request)
    {
        JsonObject? body = null;
        if (request.Http.Request.ContentLength is > 0 || request.Http.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await request.ReadBodyAsync() as JsonObject;
        }

        var policy = body.Str("propagationPolicy") ?? request.Query("propagationPolicy");
        if (policy is null && (body?["orphanDependents"]?.GetValue<bool>() == true || request.Flag("orphanDependents")))
        {
            policy = "Orphan";
        }

        var dryRun = request.DryRun || body?["dryRun"] is JsonArray { Count: > 0 };
        return new DeleteRequest(policy, body?["preconditions"].Str("uid"), body?["preconditions"].Str("resourceVersion"), dryRun);
    }

    private static string Key(JsonObject o) => (o.Namespace() ?? "") + "/" + o.Name();

    private static string EncodeContinue(long rv, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Json.Json.Serialize(new JsonObject { ["rv"] = rv, ["start"] = key })));

    private static (long Rv, string After) DecodeContinue(string token)
    {
        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!;
            return (node["rv"]!.GetValue<long>(), node["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {e.Message}");
        }
    }
}
