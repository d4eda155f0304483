using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using ScimEndpoint.Hosting;
using ScimEndpoint.Logging;
using ScimEndpoint.Observability;

namespace ScimEndpoint.Status;

/// <summary>
/// Writes <see cref="ProvisioningActivity"/> to the ScimTenant's <c>status.provisioning</c> and each ScimKey's
/// <c>status.lastUsedTime</c>, every <see cref="ProvisioningStatusTiming.Interval"/> (plus jitter) and only what
/// changed since the last successful write, so each object gets at most one write per interval.
/// </summary>
/// <remarks>
/// Writes are JSON merge patches on the <c>/status</c> subresource without a resourceVersion, carrying only the
/// endpoint's fields: the operator's full status updates (conditions, counts of users and groups) are never
/// clobbered, and never conflict with these. A ScimKey that is gone (404) is dropped; a ScimTenant that is gone is
/// logged once and tried again each interval; any other failure is logged and retried. Nothing here touches request
/// handling.
/// </remarks>
internal sealed class ProvisioningStatusReporter(
    IOptions<ScimOptions> options, ProvisioningActivity activity, ProvisioningStatusTiming timing, TimeProvider time,
    ScimMetrics metrics, ILogger<ProvisioningStatusReporter> logger) : BackgroundService
{
    private const string Group = "scim.operator.dev";
    private const string Version = "v1alpha1";
    private const string FieldManager = "scim-endpoint";

    // The result label of scim_status_writes_total.
    private const string Success = "success";
    private const string NotFound = "not_found";
    private const string Error = "error";

    private readonly Dictionary<string, DateTimeOffset> _keysWritten = new(StringComparer.Ordinal);
    private ProvisioningSnapshot? _tenantWritten;
    private bool _tenantMissingLogged;
    private long _waits;

    /// <summary>
    /// Waits armed so far: one at start, then one after each pass. A test that advances a fake clock waits for this
    /// to grow, so the clock never moves before the reporter is waiting on it.
    /// </summary>
    internal long Waits => Interlocked.Read(ref _waits);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Status;
        if (!settings.Enabled)
        {
            return;
        }

        k8s.Kubernetes client;
        string ns;
        try
        {
            client = KubernetesConnection.CreateClient(options.Value.Kubeconfig, out var defaultNamespace);
            ns = string.IsNullOrWhiteSpace(settings.Namespace) ? defaultNamespace : settings.Namespace;
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
        {
            Log.StatusReportingFailed(logger, e.GetType().Name, e.Message);
            return;
        }

        using (client)
        {
            var tenant = settings.TenantName!;
            Log.StatusReportingStarted(logger, ns, tenant, timing.Interval.TotalSeconds);
            var next = Task.Delay(timing.NextDelay(), time, stoppingToken);
            Interlocked.Increment(ref _waits);
            try
            {
                while (true)
                {
                    await next;
                    await ReportAsync(client, ns, tenant, stoppingToken);
                    next = Task.Delay(timing.NextDelay(), time, stoppingToken);
                    Interlocked.Increment(ref _waits);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping.
            }
        }
    }

    private async Task ReportAsync(IKubernetes client, string ns, string tenant, CancellationToken cancellationToken)
    {
        var snapshot = activity.Snapshot();
        if (!snapshot.IsEmpty && snapshot != _tenantWritten)
        {
            var result = await PatchStatusAsync(
                client, "ScimTenant", "scimtenants", ns, tenant, TenantStatus(snapshot), cancellationToken);
            metrics.StatusWritten("tenant", result);
            if (result == Success)
            {
                _tenantWritten = snapshot;
                _tenantMissingLogged = false;
            }
            else if (result == NotFound && !_tenantMissingLogged)
            {
                _tenantMissingLogged = true;
                Log.StatusTenantNotFound(logger, ns, tenant);
            }
        }

        foreach (var (key, lastUsed) in activity.KeysLastUsed())
        {
            if (_keysWritten.TryGetValue(key, out var written) && written >= lastUsed)
            {
                continue;
            }

            if (!KubernetesNames.IsDnsSubdomain(key))
            {
                // A key-set id that no ScimKey can have (a hand-written key set): nothing to report to.
                activity.ForgetKey(key);
                continue;
            }

            var status = new JsonObject { ["lastUsedTime"] = Rfc3339(lastUsed) };
            var result = await PatchStatusAsync(client, "ScimKey", "scimkeys", ns, key, status, cancellationToken);
            metrics.StatusWritten("key", result);
            if (result == Success)
            {
                _keysWritten[key] = lastUsed;
            }
            else if (result == NotFound)
            {
                activity.ForgetKey(key);
                _keysWritten.Remove(key);
                Log.StatusKeyDropped(logger, ns, key);
            }
        }
    }

    /// <summary>One merge patch of <c>{"status": <paramref name="status"/>}</c>; returns the metric's result label.</summary>
    private async Task<string> PatchStatusAsync(
        IKubernetes client, string kind, string plural, string ns, string name, JsonObject status,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["status"] = status }.ToJsonString();
        try
        {
            await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch(body, V1Patch.PatchType.MergePatch), Group, Version, ns, plural, name,
                fieldManager: FieldManager, cancellationToken: cancellationToken);
            Log.StatusWritten(logger, kind, ns, name);
            return Success;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return NotFound;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested &&
            e is HttpOperationException or HttpRequestException or KubernetesException or IOException
                or TaskCanceledException)
        {
            // The status code or the exception type only: a response body could echo the patch.
            var reason = e is HttpOperationException http
                ? ((int)http.Response.StatusCode).ToString(CultureInfo.InvariantCulture)
                : e.GetType().Name;
            Log.StatusWriteFailed(logger, kind, ns, name, reason);
            return Error;
        }
    }

    private static JsonObject TenantStatus(ProvisioningSnapshot snapshot)
    {
        var provisioning = new JsonObject();
        if (snapshot.LastSuccessTime is { } lastSuccess)
        {
            provisioning["lastSuccessTime"] = Rfc3339(lastSuccess);
        }

        if (snapshot.LastFailure is { } failure)
        {
            provisioning["lastFailure"] = new JsonObject
            {
                ["time"] = Rfc3339(failure.Time),
                ["operation"] = failure.Operation,
                ["status"] = failure.Status,
                ["detail"] = failure.Detail,
            };
        }

        provisioning["requestsLastHour"] = snapshot.RequestsLastHour;
        provisioning["failuresLastHour"] = snapshot.FailuresLastHour;
        return new JsonObject { ["provisioning"] = provisioning };
    }

    private static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
