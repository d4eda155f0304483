using Emulators.Kubernetes.Api;
using Emulators.Kubernetes.Discovery;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Faults;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Hosting;

/// <summary>
/// The single request entry point: logs the request, applies armed faults, routes it (discovery, OpenAPI,
/// resources) and turns every failure into a <c>Status</c> body.
/// </summary>
internal sealed class ApiServer(
    ResourceRegistry registry,
    ResourceHandler resources,
    WatchHandler watches,
    EmulatorFaults faults,
    EmulatorRequestLog log,
    TimeProvider time,
    string serverMinor)
{
    public async Task HandleAsync(HttpContext http)
    {
        var route = Route.Parse(http.Request.Path.Value ?? "/");
        var entry = new RequestEntry(time.GetUtcNow(), http.Request.Method, http.Request.Path.Value ?? "",
            http.Request.QueryString.Value ?? "", Verb(http, route), route.Group, route.Version, route.Resource,
            route.Subresource, route.Namespace, route.Name, http.Request.Headers.UserAgent.ToString(), 0);
        http.Response.OnStarting(() =>
        {
            log.Add(entry with { StatusCode = http.Response.StatusCode });
            return Task.CompletedTask;
        });
        try
        {
            var decision = faults.Decide(entry);
            if (decision.Delay > TimeSpan.Zero)
            {
                await Task.Delay(decision.Delay, time, http.RequestAborted);
            }

            if (decision.Failure is { } failure)
            {
                throw Injected(failure, route);
            }

            await DispatchAsync(http, route, entry.Verb, decision);
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            if (e.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await Output.WriteAsync(http, e.Code, e.Status);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            // An emulator bug: answer as the apiserver answers a panic, with the cause in the message.
            await Output.WriteAsync(http, 500, ApiErrors.Body(500, "InternalError",
                $"an error on the server (\"{e.GetType().Name}: {e.Message}\") has prevented the request from succeeding", null));
        }
    }

    private ApiException Injected(FaultRule failure, Route route)
    {
        if (failure.Kind == FaultKind.Conflict && registry.Find(route.Group, route.Version, route.Resource) is { } type)
        {
            return ApiErrors.Conflict(type, route.Name ?? "");
        }

        var retryAfter = failure.Status is 429 or 500 or 503 ? faults.RetryAfterSeconds : (int?)null;
        return ApiErrors.Injected(failure.Kind == FaultKind.Conflict ? 409 : failure.Status, retryAfter);
    }

    private async Task DispatchAsync(HttpContext http, Route route, string verb, FaultDecision faults)
    {
        var all = registry.All;
        var aggregated = http.Request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);
        switch (route.Kind)
        {
            case RouteKind.Version:
                await Output.WriteAsync(http, 200, DiscoveryDocuments.Version(serverMinor));
                return;
            case RouteKind.ApiVersions when aggregated:
                await Output.WriteAsync(http, 200, DiscoveryDocuments.Aggregated(all, core: true), DiscoveryDocuments.AggregatedContentType);
                return;
            case RouteKind.ApiVersions:
                await Output.WriteAsync(http, 200, DiscoveryDocuments.ApiVersions());
                return;
            case RouteKind.ApiGroupList when aggregated:
                await Output.WriteAsync(http, 200, DiscoveryDocuments.Aggregated(all, core: false), DiscoveryDocuments.AggregatedContentType);
                return;
            case RouteKind.ApiGroupList:
                await Output.WriteAsync(http, 200, DiscoveryDocuments.GroupList([.. all.Where(t => t.Group.Length > 0)]));
                return;
            case RouteKind.ApiGroup:
                await Output.WriteAsync(http, 200, DiscoveryDocuments.FindGroup(route.Group, all) ?? throw ApiErrors.NoSuchPath());
                return;
            case RouteKind.ResourceList:
                await Output.WriteAsync(http, 200, DiscoveryDocuments.ResourceList(route.Group, route.Version, all) ?? throw ApiErrors.NoSuchPath());
                return;
            case RouteKind.OpenApiV3Root:
                await Output.WriteAsync(http, 200, OpenApiDocuments.Root(all));
                return;
            case RouteKind.OpenApiV3Document:
                await Output.WriteAsync(http, 200, OpenApiDocuments.Document(route.Group, all) ?? throw ApiErrors.NoSuchPath());
                return;
            case RouteKind.Resource:
                await ResourceAsync(http, route, verb, faults);
                return;
            default:
                throw ApiErrors.NoSuchPath();
        }
    }

    private async Task ResourceAsync(HttpContext http, Route route, string verb, FaultDecision faults)
    {
        var type = registry.Find(route.Group, route.Version, route.Resource) ?? throw ApiErrors.NoSuchPath();
        if ((!type.Namespaced && route.Namespace is not null) ||
            (type.Namespaced && route.Namespace is null && route.Name is not null) ||
            (route.Subresource.Length > 0 && !(route.Subresource == "status" && type.HasStatus)))
        {
            throw ApiErrors.NoSuchPath();
        }

        var request = new ApiRequest(http, type, route.Namespace, route.Name, route.Subresource);
        switch (verb)
        {
            case "get":
                await resources.GetAsync(request);
                break;
            case "list":
                await resources.ListAsync(request);
                break;
            case "watch":
                await watches.WatchAsync(request, faults.DropWatchAfterEvents, faults.GarbleWatch);
                break;
            case "create" when type.Namespaced && route.Namespace is null:
                throw ApiErrors.NoSuchPath();
            case "create":
                await resources.CreateAsync(request);
                break;
            case "update":
                await resources.UpdateAsync(request);
                break;
            case "patch":
                await resources.PatchAsync(request);
                break;
            case "delete":
                await resources.DeleteAsync(request);
                break;
            case "deletecollection":
                await resources.DeleteCollectionAsync(request);
                break;
            default:
                throw ApiErrors.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    private static string Verb(HttpContext http, Route route)
    {
        var named = route.Name is not null;
        var watch = http.Request.Query["watch"].ToString() is "true" or "1";
        return (http.Request.Method, named) switch
        {
            ("GET", true) => "get",
            ("GET", false) => watch ? "watch" : "list",
            ("POST", false) => "create",
            ("PUT", true) => "update",
            ("PATCH", true) => "patch",
            ("DELETE", true) => "delete",
            ("DELETE", false) => "deletecollection",
            _ => http.Request.Method.ToLowerInvariant(),
        };
    }
}
