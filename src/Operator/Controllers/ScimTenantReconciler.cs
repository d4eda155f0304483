using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s.Models;
using Operator.Api;
using Operator.Runtime;

namespace Operator.Controllers;

/// <summary>
/// Reconciles a ScimTenant by running its <see cref="ITenantStep"/>s (the key set, ZITADEL, the endpoint), each of
/// which owns a condition; <c>Ready</c> is True when the spec is valid and every step's condition is True, else it
/// carries the first failing step's reason. The status is written once per reconcile and only when it changed.
/// Under <c>deletionPolicy: Delete</c> the tenant carries the finalizer <see cref="Finalizer"/> until every step's
/// clean-up is done; under Retain (the default) it carries none, and owned objects go by garbage collection.
/// </summary>
internal sealed class ScimTenantReconciler(
    IInformerFactory informers,
    IKubernetesObjects objects,
    IEventRecorder events,
    IEnumerable<ITenantStep> steps,
    OperatorSettings settings,
    ResourceGauges gauges,
    TimeProvider time,
    ILogger<ScimTenantReconciler> logger) : IReconciler<ScimTenant>
{
    public const string Ready = "Ready";

    /// <summary>Held by a tenant with <c>deletionPolicy: Delete</c> until its ZITADEL objects are removed.</summary>
    public const string Finalizer = ApiGroup.Prefix + "tenant-cleanup";

    private readonly IReadOnlyList<ITenantStep> _steps = [.. steps.OrderBy(s => s.Order)];

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var tenant = informers.Get<ScimTenant>().Get(key);
        if (tenant is null)
        {
            gauges.TenantGone(key);
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var errors = TenantSpecValidator.Validate(tenant.Spec);
        var context = new TenantContext(tenant, key, now, errors);
        if (tenant.Metadata.DeletionTimestamp is not null)
        {
            gauges.TenantGone(key);
            return await FinalizeAsync(context, ct);
        }

        var wantsFinalizer = tenant.Spec.DeletionPolicy == "Delete";
        if (wantsFinalizer != HasFinalizer(tenant))
        {
            tenant = await SetFinalizerAsync(tenant, wantsFinalizer, ct);
            context = new TenantContext(tenant, key, now, errors);
        }

        var results = new List<(ITenantStep Step, StepResult Result)>();
        foreach (var step in _steps)
        {
            var result = step.RequiresValidSpec && errors.Count > 0
                ? StepResult.False("InvalidSpec", "Waiting for a valid spec")
                : await step.ReconcileAsync(context, ct);
            results.Add((step, result));
        }

        var generation = tenant.Metadata.Generation;
        var tenantUrl = TenantUrls.Compute(tenant);
        var failing = results.FirstOrDefault(r => !r.Result.IsTrue);
        var reason = TenantSpecValidator.Reason(errors);
        var updated = await objects.UpdateStatusAsync(tenant, t =>
        {
            var status = t.Status ??= new ScimTenantStatus();
            status.Conditions ??= [];
            status.TenantUrl = tenantUrl;
            foreach (var (step, result) in results)
            {
                result.Apply?.Invoke(status);
                Conditions.Set(status.Conditions, step.ConditionType, result.Status, result.Reason, result.Message,
                    generation, now.UtcDateTime);
            }

            if (errors.Count > 0)
            {
                Conditions.Set(status.Conditions, Ready, "False", reason, string.Join("; ", errors), generation, now.UtcDateTime);
            }
            else if (failing.Step is not null)
            {
                Conditions.Set(status.Conditions, Ready, "False", failing.Result.Reason,
                    $"{failing.Step.ConditionType}: {failing.Result.Message}", generation, now.UtcDateTime);
            }
            else
            {
                Conditions.Set(status.Conditions, Ready, "True", "Reconciled",
                    $"The tenant is ready; Tenant URL {tenantUrl}", generation, now.UtcDateTime);
            }

            return true;
        }, ct);

        var wasInvalid = tenant.Status?.Conditions?.Any(c => c.Type == Ready && c.Reason == reason) == true;
        if (errors.Count > 0 && !wasInvalid)
        {
            await events.WarningAsync(tenant, reason, "Validate", string.Join("; ", errors), ct);
        }

        gauges.Tenant(key, (updated ?? tenant).Status);
        ControllerLog.TenantReconciled(logger, key.Namespace ?? "", key.Name, failing.Step?.ConditionType ?? Ready);
        var requeue = results.Select(r => r.Result.RequeueAfter).Where(r => r is not null).Min();
        return requeue is { } after ? ReconcileResult.After(after) : ReconcileResult.Done;
    }

    private async Task<ReconcileResult> FinalizeAsync(TenantContext context, CancellationToken ct)
    {
        if (!HasFinalizer(context.Tenant))
        {
            return ReconcileResult.Done;
        }

        foreach (var step in _steps.Reverse())
        {
            if (!await step.FinalizeAsync(context, ct))
            {
                return ReconcileResult.After(TimeSpan.FromSeconds(5));
            }
        }

        try
        {
            await SetFinalizerAsync(context.Tenant, false, ct);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            // Already gone.
        }

        return ReconcileResult.Done;
    }

    private static bool HasFinalizer(ScimTenant tenant) => tenant.Metadata.Finalizers?.Contains(Finalizer) == true;

    private Task<ScimTenant> SetFinalizerAsync(ScimTenant tenant, bool present, CancellationToken ct)
    {
        var finalizers = (tenant.Metadata.Finalizers ?? []).Where(f => f != Finalizer).ToList();
        if (present)
        {
            finalizers.Add(Finalizer);
        }

        return objects.PatchAsync<ScimTenant>(ObjectKey.From(tenant),
            Finalizers.Patch(tenant.Metadata.Finalizers, finalizers), ct, settings.FieldManager);
    }
}

/// <summary>JSON patches for finalizer lists that fail (409/422) when someone changed the list meanwhile.</summary>
internal static class Finalizers
{
    public static V1Patch Patch(IList<string>? current, IList<string> desired)
    {
        var operations = current is null
            ? new JsonArray(Operation("add", desired))
            : new JsonArray(Operation("test", current), Operation("replace", desired));
        return new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch);
    }

    private static JsonObject Operation(string op, IList<string> value) => new()
    {
        ["op"] = op,
        ["path"] = "/metadata/finalizers",
        ["value"] = new JsonArray([.. value.Select(f => JsonValue.Create(f))]),
    };
}
