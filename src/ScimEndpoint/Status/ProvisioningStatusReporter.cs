using System.Globalization;
using System.Net;
using System.Text.Json;
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
/// changed since the last successful write, so each object gets at most one write per interval from each replica.
/// </summary>
/// <remarks>
/// Writes are JSON merge patches on the <c>/status</c> subresource carrying only the endpoint's fields: the operator's
/// full status updates (conditions, counts of users and groups) are never clobbered. With several replicas, each
/// keeps its own counts under <c>provisioning.replicas.&lt;pod&gt;</c> and writes the totals as the sum of all live
/// entries (<see cref="ReplicaCounts"/>): it reads the status first and patches with that resourceVersion, so a
/// concurrent write is a 409 and the pass is repeated at the next interval. A ScimKey's <c>lastUsedTime</c> needs no
/// read (any replica's newest use is right). A ScimKey that is gone (404) is dropped; a ScimTenant that is gone is
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
    private const string Conflict = "conflict";
    private const string Error = "error";

    private readonly Dictionary<string, DateTimeOffset> _keysWritten = new(StringComparer.Ordinal);
    private ProvisioningSnapshot? _tenantWritten;
    private DateTimeOffset _tenantWrittenAt;
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
        catch (k8s.Exceptions.KubeConfigException e)
        {
            Log.StatusReportingConfigInvalid(logger, e.GetType().Name);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var kubeconfig = options.Value.Kubeconfig;
            Log.StatusReportingFailed(
                logger, string.IsNullOrWhiteSpace(kubeconfig) ? "(in-cluster or default)" : kubeconfig, e.GetType().Name);
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
        var now = time.GetUtcNow();

        // A replica whose counts stand still rewrites its entry before the others would take it for a dead one.
        var heartbeat = _tenantWritten is { RequestsLastHour: > 0 } && now - _tenantWrittenAt >= StaleAfter / 2;
        if (!snapshot.IsEmpty && (snapshot != _tenantWritten || heartbeat))
        {
            var result = await WriteTenantAsync(client, ns, tenant, snapshot, now, cancellationToken);
            metrics.StatusWritten("tenant", result);
            if (result == Success)
            {
                _tenantWritten = snapshot;
                _tenantWrittenAt = now;
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

            var status = new JsonObject { ["lastUsedTime"] = ReplicaCounts.Rfc3339(lastUsed) };
            var result = await PatchStatusAsync(client, "ScimKey", "scimkeys", ns, key, status, null, cancellationToken);
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

    /// <summary>How long a replica's entry counts without being rewritten: six intervals.</summary>
    private TimeSpan StaleAfter => timing.Interval * 6;

    /// <summary>Reads the tenant's status, then writes this replica's entry and the totals under that resourceVersion.</summary>
    private async Task<string> WriteTenantAsync(
        IKubernetes client, string ns, string tenant, ProvisioningSnapshot snapshot, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        JsonObject? current = null;
        var read = await CallAsync("ScimTenant", ns, tenant, async () => current = JsonSerializer.SerializeToNode(
            await client.CustomObjects.GetNamespacedCustomObjectStatusAsync(Group, Version, ns, "scimtenants", tenant,
                cancellationToken)) as JsonObject, cancellationToken);
        if (read != Success)
        {
            return read;
        }

        var provisioning = ReplicaCounts.Patch(current?["status"]?["provisioning"] as JsonObject,
            options.Value.Status.ReplicaName, snapshot, now, StaleAfter);
        return await PatchStatusAsync(client, "ScimTenant", "scimtenants", ns, tenant,
            new JsonObject { ["provisioning"] = provisioning }, (string?)current?["metadata"]?["resourceVersion"],
            cancellationToken);
    }

    /// <summary>
    /// One merge patch of <c>{"status": <paramref name="status"/>}</c>, conditional on <paramref name="resourceVersion"/>
    /// when given; returns the metric's result label.
    /// </summary>
    private async Task<string> PatchStatusAsync(
        IKubernetes client, string kind, string plural, string ns, string name, JsonObject status,
        string? resourceVersion, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["status"] = status };
        if (resourceVersion is not null)
        {
            body["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion };
        }

        var result = await CallAsync(kind, ns, name, () => client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), Group, Version, ns, plural, name,
            fieldManager: FieldManager, cancellationToken: cancellationToken), cancellationToken);
        if (result == Success)
        {
            Log.StatusWritten(logger, kind, ns, name);
        }

        return result;
    }

    /// <summary>One call to the API server; returns the metric's result label and logs other failures.</summary>
    private async Task<string> CallAsync(
        string kind, string ns, string name, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
            return Success;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return NotFound;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return Conflict; // another replica wrote meanwhile: the next interval reads and writes again
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
}
