using System.Collections.Concurrent;
using Operator.Runtime;

namespace Operator.Controllers.Zitadel;

/// <summary>
/// What a full ZITADEL check of a tenant depended on: the tenant (uid and generation), the operator's credentials
/// Secret (resourceVersion) and the PAT id in the service user's Secret (null when that Secret is gone: it is reissued).
/// </summary>
internal sealed record ZitadelSyncInputs(string? TenantUid, long? Generation, string? CredentialsVersion, string? ServiceUserTokenId);

/// <summary>
/// Remembers each tenant's last successful ZITADEL check so a reconcile caused by something else (a key, an endpoint
/// object, the Deployment's status) costs no ZITADEL call. A full check runs when the inputs changed, when
/// <c>Operator:Scim:ZitadelResyncInterval</c> has passed (drift in ZITADEL and the counts), or after a failure (the
/// failure is never remembered). In memory: a restarted or newly elected operator checks every tenant once.
/// </summary>
internal sealed class ZitadelSyncGate
{
    private readonly ConcurrentDictionary<ObjectKey, Entry> _entries = new();

    /// <summary>The last successful check's outcome while it still holds, else null (check again).</summary>
    public (ZitadelResolution Resolution, StepResult Result)? Reuse(
        ObjectKey key, ZitadelSyncInputs inputs, DateTimeOffset now, TimeSpan resyncInterval)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Inputs != inputs)
        {
            return null;
        }

        var due = entry.CheckedAt + resyncInterval;
        if (now >= due)
        {
            return null;
        }

        // The status fields the check set are already written; only the condition and the next look are repeated.
        return (entry.Resolution, entry.Result with { RequeueAfter = due - now, Apply = null });
    }

    public void Remember(ObjectKey key, ZitadelSyncInputs inputs, DateTimeOffset now, ZitadelResolution resolution, StepResult result) =>
        _entries[key] = new Entry(inputs, now, resolution, result);

    public void Forget(ObjectKey key) => _entries.TryRemove(key, out _);

    private sealed record Entry(ZitadelSyncInputs Inputs, DateTimeOffset CheckedAt, ZitadelResolution Resolution, StepResult Result);
}
