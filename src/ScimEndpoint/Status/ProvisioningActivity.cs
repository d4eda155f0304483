using System.Collections.Concurrent;
using ScimEndpoint.Http;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Status;

/// <summary>
/// Provisioning activity since the endpoint started, fed once per request after the response
/// (<see cref="Observability.RequestObservabilityMiddleware"/>) and read by <see cref="ProvisioningStatusReporter"/>.
/// Recording is a few interlocked operations and, for an authenticated request, one lock-free dictionary read.
/// </summary>
/// <remarks>
/// <para>Provisioning requests are the operations on <c>/Users</c> and <c>/Groups</c> (create, get, list, search,
/// replace, patch, delete), authentication failures on them included. Discovery, the root <c>.search</c> and paths
/// that match no endpoint are not provisioning.</para>
/// <para>A provisioning request succeeds with a status below 400. It fails with any status from 400 on, except a
/// 404 on a get or delete of one resource: Entra reads and deletes resources that may already be gone, and that is
/// neither a success nor a failure (it counts as a request only).</para>
/// </remarks>
internal sealed class ProvisioningActivity(TimeProvider time)
{
    private readonly HourlyCounts _counts = new();
    private readonly ConcurrentDictionary<string, KeyUse> _keys = new(StringComparer.Ordinal);
    private long _lastSuccessSeconds = long.MinValue;
    private ProvisioningFailure? _lastFailure;

    /// <summary>
    /// Records one finished request: <paramref name="scimType"/> is the SCIM error type answered (if any),
    /// <paramref name="keyId"/> the key-set id that authenticated it (if any).
    /// </summary>
    public void RequestCompleted(ScimRoute route, int status, string? scimType, string? keyId)
    {
        var now = time.GetUtcNow();
        if (keyId is not null)
        {
            _keys.GetOrAdd(keyId, static id => new KeyUse(KeyName(id))).Touch(now.ToUnixTimeSeconds());
        }

        if (route.Resource != ScimSchemas.UserType.Name && route.Resource != ScimSchemas.GroupType.Name)
        {
            return;
        }

        // Note: the details first, the counts last, so a snapshot that counts this request also has its details.
        var failed = status >= 400 && !(status == 404 && route.Operation is "get" or "delete");
        if (failed)
        {
            var second = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
            Volatile.Write(ref _lastFailure, new ProvisioningFailure(
                second, OperationName(route), status, FailureDetails.For(status, scimType)));
        }
        else if (status < 400)
        {
            MoveForward(ref _lastSuccessSeconds, now.ToUnixTimeSeconds());
        }

        _counts.Add(now, failed);
    }

    /// <summary>The provisioning figures now.</summary>
    public ProvisioningSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        var (requests, failures) = _counts.LastHour(now);
        var lastSuccess = Volatile.Read(ref _lastSuccessSeconds);
        return new ProvisioningSnapshot(
            lastSuccess == long.MinValue ? null : DateTimeOffset.FromUnixTimeSeconds(lastSuccess),
            Volatile.Read(ref _lastFailure), requests, failures);
    }

    /// <summary>Per ScimKey name, the last second any of its tokens authenticated a request.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> KeysLastUsed()
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var use in _keys.Values)
        {
            if (use.LastUsedSeconds == long.MinValue)
            {
                continue;
            }

            var time = DateTimeOffset.FromUnixTimeSeconds(use.LastUsedSeconds);
            if (!result.TryGetValue(use.Name, out var known) || known < time)
            {
                result[use.Name] = time;
            }
        }

        return result;
    }

    /// <summary>Stops reporting the ScimKey <paramref name="name"/> (it was deleted) until one of its tokens is used again.</summary>
    public void ForgetKey(string name)
    {
        foreach (var (id, use) in _keys)
        {
            if (use.Name == name)
            {
                _keys.TryRemove(id, out _);
            }
        }
    }

    /// <summary>The ScimKey a key-set id belongs to: ids are <c>&lt;ScimKey name&gt;.&lt;token id&gt;</c>.</summary>
    internal static string KeyName(string keyId)
    {
        var dot = keyId.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? keyId : keyId[..dot];
    }

    private static string OperationName(ScimRoute route) => route.Operation switch
    {
        "create" => "POST " + route.Resource,
        "get" => "GET " + route.Resource,
        "list" => "GET " + route.Resource + " list",
        "search" => "POST " + route.Resource + " search",
        "replace" => "PUT " + route.Resource,
        "patch" => "PATCH " + route.Resource,
        "delete" => "DELETE " + route.Resource,
        _ => route.Operation + " " + route.Resource,
    };

    private static void MoveForward(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (current < value)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class KeyUse(string name)
    {
        private long _lastUsedSeconds = long.MinValue;

        public string Name { get; } = name;

        public long LastUsedSeconds => Volatile.Read(ref _lastUsedSeconds);

        public void Touch(long seconds) => MoveForward(ref _lastUsedSeconds, seconds);
    }
}
