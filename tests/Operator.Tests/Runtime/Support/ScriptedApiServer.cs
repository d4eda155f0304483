using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Operator.Tests.Runtime.Support;

/// <summary>
/// A Kestrel stub of the API server that answers list and watch requests from scripts queued by the test, in order,
/// and records every request. A list with no script left answers 500; a watch with no script left stays open and
/// silent until the client goes away, like an idle watch.
/// </summary>
internal sealed class ScriptedApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _lists = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _watches = new();

    private ScriptedApiServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public IEnumerable<RecordedRequest> Watches => Requests.Where(r => r.IsWatch);

    public IEnumerable<RecordedRequest> Lists => Requests.Where(r => !r.IsWatch);

    public static async Task<ScriptedApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri(address);
        return server;
    }

    public Kubernetes CreateClient() => new(new KubernetesClientConfiguration { Host = BaseUri.ToString() });

    public void EnqueueList(Func<HttpContext, Task> script) => _lists.Enqueue(script);

    public void EnqueueWatch(Func<HttpContext, Task> script) => _watches.Enqueue(script);

    /// <summary>A list answer of ConfigMaps at <paramref name="resourceVersion"/>, with an optional continue token.</summary>
    public void EnqueueList(string resourceVersion, string? continueToken, params JsonObject[] items) =>
        EnqueueList(context => WriteJson(context, ListOf(resourceVersion, items, continueToken)));

    public static JsonObject ListOf(string resourceVersion, JsonObject item) => ListOf(resourceVersion, [item], null);

    public static JsonObject ListOf(string resourceVersion, JsonObject[] items, string? continueToken) => new()
    {
        ["kind"] = "ConfigMapList",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion, ["continue"] = continueToken },
        ["items"] = new JsonArray([.. items]),
    };

    /// <summary>
    /// A watch that sends <paramref name="events"/> then ends normally, or aborts the connection once
    /// <paramref name="abortAfter"/> completes (so the test decides when the client has read what was sent).
    /// </summary>
    public void EnqueueWatch(IEnumerable<JsonObject> events, Func<Task>? abortAfter = null) => EnqueueWatch(async context =>
    {
        context.Response.ContentType = "application/json";
        foreach (var e in events)
        {
            await context.Response.WriteAsync(e.ToJsonString() + "\n");
            await context.Response.Body.FlushAsync();
        }

        if (abortAfter is not null)
        {
            await abortAfter();
            context.Abort();
        }
    });

    public static JsonObject ConfigMap(string ns, string name, string resourceVersion, string value = "") => new()
    {
        ["kind"] = "ConfigMap",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["resourceVersion"] = resourceVersion },
        ["data"] = new JsonObject { ["v"] = value },
    };

    public static JsonObject Event(string type, JsonObject obj) => new() { ["type"] = type, ["object"] = obj };

    public static JsonObject Bookmark(string resourceVersion) => Event("BOOKMARK", new JsonObject
    {
        ["kind"] = "ConfigMap",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
    });

    public static JsonObject Expired() => Event("ERROR", new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = "too old resource version",
        ["reason"] = "Expired",
        ["code"] = 410,
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var request = new RecordedRequest(
            context.Request.Path, query["watch"] == "true", query["resourceVersion"], query["continue"],
            query["allowWatchBookmarks"] == "true", query["limit"]);
        Requests.Enqueue(request);
        if (request.IsWatch)
        {
            if (_watches.TryDequeue(out var watch))
            {
                await watch(context);
                return;
            }

            await context.Response.StartAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (_lists.TryDequeue(out var list))
        {
            await list(context);
            return;
        }

        context.Response.StatusCode = 500;
    }

    private static Task WriteJson(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}

internal sealed record RecordedRequest(
    string Path, bool IsWatch, string? ResourceVersion, string? Continue, bool Bookmarks, string? Limit);
