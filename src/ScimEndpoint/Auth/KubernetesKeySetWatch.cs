using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ScimEndpoint.Hosting;
using ScimEndpoint.Logging;

namespace ScimEndpoint.Auth;

/// <summary>
/// Follows the tenant's key-set Secret through the Kubernetes API: a list of that one Secret (field selector
/// <c>metadata.name</c>, which RBAC can confine with <c>resourceNames</c>), then a watch from the list's
/// resourceVersion with bookmarks. It resumes from the last resourceVersion, relists after 410 Expired (which the
/// client reports only through <c>onError</c>), treats a watch that ends without events as a normal end, and
/// reconnects with capped, jittered backoff on errors. A change reaches the endpoint as soon as the API server sends
/// the event, where a mounted Secret can take a minute or more.
/// </summary>
internal sealed class KubernetesKeySetWatch(ScimOptions options, ILogger<KubernetesKeySetWatch> logger)
{
    public const string DataKey = "keys.json";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly string _name = options.KeySetSecretName!;

    /// <summary>Runs until <paramref name="stoppingToken"/> fires, handing every version of the Secret to <paramref name="apply"/>.</summary>
    public async Task RunAsync(Action<byte[]?, string> apply, CancellationToken stoppingToken)
    {
        using var client = KubernetesConnection.CreateClient(options.Kubeconfig, out var defaultNamespace);
        var ns = string.IsNullOrWhiteSpace(options.KeySetSecretNamespace) ? defaultNamespace : options.KeySetSecretNamespace;
        var source = $"secret {ns}/{_name}";
        var selector = "metadata.name=" + _name;
        string? resourceVersion = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    var list = await client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: selector,
                        cancellationToken: stoppingToken);
                    apply(DataOf(list.Items.FirstOrDefault()), source);
                    resourceVersion = list.Metadata.ResourceVersion;
                }

                var expired = false;
                Exception? streamError = null;

                // The client reports ERROR events and events it cannot read to onError and reads on; either may hide
                // a key-set change (a revoked key kept working until the watch timed out), so the watch ends at once
                // and the key set is listed again.
                using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                try
                {
                    await foreach (var (type, secret) in client.CoreV1.WatchListNamespacedSecretAsync(ns,
                        fieldSelector: selector, resourceVersion: resourceVersion, allowWatchBookmarks: true,
                        timeoutSeconds: 300,
                        onError: e =>
                        {
                            if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
                            {
                                expired = true;
                            }
                            else
                            {
                                streamError ??= e;
                            }

                            watchStop.Cancel();
                        },
                        cancellationToken: watchStop.Token))
                    {
                        resourceVersion = secret.Metadata?.ResourceVersion ?? resourceVersion;
                        failures = 0;
                        switch (type)
                        {
                            case WatchEventType.Added or WatchEventType.Modified:
                                apply(DataOf(secret), source);
                                break;
                            case WatchEventType.Deleted:
                                apply(null, source);
                                break;
                        }
                    }
                }
                catch (OperationCanceledException) when (watchStop.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    // Ended by onError above.
                }

                if (expired)
                {
                    Log.KeySetWatchRestarted(logger, source, "expired");
                    resourceVersion = null;
                }
                else if (streamError is not null)
                {
                    failures++;
                    Log.KeySetWatchRestarted(logger, source, streamError.GetType().Name);
                    resourceVersion = null;
                    await DelayAsync(failures, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
            {
                // A watch that ended without any event: a normal end; resume from the same resourceVersion.
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or KubernetesException or IOException)
            {
                failures++;
                var reason = e is HttpOperationException http ? ((int)http.Response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : e.GetType().Name;
                Log.KeySetWatchRestarted(logger, source, reason);
                if (e is HttpOperationException { Response.StatusCode: HttpStatusCode.Gone })
                {
                    resourceVersion = null;
                }

                await DelayAsync(failures, stoppingToken);
            }
        }
    }

    private static byte[]? DataOf(V1Secret? secret) =>
        secret?.Data is { } data && data.TryGetValue(DataKey, out var content) ? content : null;

    private static async Task DelayAsync(int failures, CancellationToken stoppingToken)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10)));
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2), stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
