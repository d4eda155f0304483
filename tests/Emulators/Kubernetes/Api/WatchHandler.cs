using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Selectors;
using Emulators.Kubernetes.Store;
using Emulators.Kubernetes.Tables;

namespace Emulators.Kubernetes.Api;

/// <summary>
/// Watch streams (kubernetes-api.md §2.5): one compact JSON event per line, flushed at once; initial ADDED events
/// for an unset or "0" resourceVersion; selector transitions as ADDED/DELETED; bookmarks every interval and 2 s
/// before <c>timeoutSeconds</c>; a too-old resourceVersion as an ERROR event (410 Expired) on an HTTP 200.
/// </summary>
internal sealed class WatchHandler(ObjectStore store, TimeProvider time, TimeSpan bookmarkInterval)
{
    private static readonly TimeSpan FinalBookmarkLead = TimeSpan.FromSeconds(2);

    public async Task WatchAsync(ApiRequest request, int? dropAfterEvents, bool garbleFirstChange = false)
    {
        var type = request.Type;
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), type);
        var rvText = request.Query("resourceVersion");
        long? from = null;
        if (!string.IsNullOrEmpty(rvText) && rvText != "0")
        {
            from = long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
                ? rv
                : throw ApiErrors.BadRequest($"resourceVersion: Invalid value: \"{rvText}\": must be a number");
        }

        var bookmarks = request.Flag("allowWatchBookmarks");
        var timeout = int.TryParse(request.Query("timeoutSeconds"), out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        var http = request.Http;
        var subscription = store.Subscribe(type.StoreKey, request.Namespace, from, out var initial, out var expired);
        var sent = 0;
        try
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = request.WantsTable ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
            await http.Response.Body.FlushAsync(http.RequestAborted);
            if (expired is not null)
            {
                await WriteEventAsync(http, "ERROR", ApiErrors.Expired(expired).Status);
                return;
            }

            bool Matches(JsonObject o) => labels.Matches(o.Labels()) && fields.Matches(o);
            foreach (var obj in initial.Where(Matches))
            {
                await WriteEventAsync(http, "ADDED", Present(request, obj));
                sent++;
            }

            if (request.Flag("sendInitialEvents") && bookmarks)
            {
                var marker = Bookmark(request, store.CurrentRv);
                marker.Metadata()["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                await WriteEventAsync(http, "BOOKMARK", marker);
            }

            var start = time.GetUtcNow();
            DateTimeOffset? deadline = timeout is { } t ? start + t : null;
            var nextBookmark = start + bookmarkInterval;
            var finalBookmarkSent = false;
            while (true)
            {
                if (dropAfterEvents is { } limit && sent >= limit)
                {
                    http.Abort();
                    return;
                }

                var now = time.GetUtcNow();
                if (deadline is { } d && now >= d)
                {
                    return;
                }

                if (bookmarks)
                {
                    var due = now >= nextBookmark ||
                        (!finalBookmarkSent && deadline is { } end && now >= end - FinalBookmarkLead);
                    if (due && store.TryQuiescentRv(subscription, out var bookmarkRv))
                    {
                        await WriteEventAsync(http, "BOOKMARK", Bookmark(request, bookmarkRv));
                        finalBookmarkSent |= deadline is { } end2 && now >= end2 - FinalBookmarkLead;
                        nextBookmark = now + bookmarkInterval;
                    }
                }

                var wake = Wake(now, deadline, bookmarks ? nextBookmark : null, bookmarks && !finalBookmarkSent);
                using var round = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, subscription.Dropped);
                var readable = subscription.Events.Reader.WaitToReadAsync(round.Token).AsTask();
                var delay = Task.Delay(wake, time, round.Token);
                await Task.WhenAny(readable, delay);
                await round.CancelAsync();
                if (subscription.Dropped.IsCancellationRequested)
                {
                    http.Abort();
                    return;
                }

                if (http.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                while (subscription.Events.Reader.TryRead(out var e))
                {
                    if (Translate(e, Matches) is { } type2)
                    {
                        if (garbleFirstChange)
                        {
                            garbleFirstChange = false;
                            await WriteEventAsync(http, "ERROR", ApiErrors.Injected(500, null).Status);
                            continue;
                        }

                        await WriteEventAsync(http, type2, Present(request, e.Object));
                        if (dropAfterEvents is { } max && ++sent >= max)
                        {
                            break;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: a normal end of a watch.
        }
        finally
        {
            store.Unsubscribe(subscription);
            subscription.Dispose();
        }
    }

    private static TimeSpan Wake(DateTimeOffset now, DateTimeOffset? deadline, DateTimeOffset? nextBookmark, bool finalPending)
    {
        var wake = now + TimeSpan.FromMinutes(10);
        if (deadline is { } d)
        {
            wake = d < wake ? d : wake;
            if (finalPending && d - FinalBookmarkLead < wake)
            {
                wake = d - FinalBookmarkLead;
            }
        }

        if (nextBookmark is { } b && b < wake)
        {
            wake = b;
        }

        var span = wake - now;
        return span < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : span;
    }

    private static string? Translate(StoredEvent e, Func<JsonObject, bool> matches)
    {
        switch (e.Type)
        {
            case "MODIFIED":
                var was = e.Previous is not null && matches(e.Previous);
                var now = matches(e.Object);
                return (was, now) switch
                {
                    (true, true) => "MODIFIED",
                    (false, true) => "ADDED",
                    (true, false) => "DELETED",
                    _ => null,
                };
            default:
                return matches(e.Object) ? e.Type : null;
        }
    }

    private JsonObject Present(ApiRequest request, JsonObject stored)
    {
        var obj = Output.Present(request.Type, stored);
        return request.WantsTable
            ? TableConverter.Convert(request.Type, [obj], obj["metadata"].Str("resourceVersion") ?? "", null,
                request.Query("includeObject"), time.GetUtcNow())
            : obj;
    }

    private static JsonObject Bookmark(ApiRequest request, long rv) => new()
    {
        ["kind"] = request.Type.Kind,
        ["apiVersion"] = request.Type.ApiVersion,
        ["metadata"] = new JsonObject
        {
            ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture),
            ["creationTimestamp"] = null,
        },
    };

    private static async Task WriteEventAsync(HttpContext http, string type, JsonObject obj)
    {
        var line = Json.Json.Serialize(new JsonObject { ["type"] = type, ["object"] = obj }) + "\n";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
