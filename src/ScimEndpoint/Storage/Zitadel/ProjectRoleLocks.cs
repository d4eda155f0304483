using System.Globalization;
using ScimEndpoint.Protocol;
using Zitadel;
using Zitadel.Json;
using Zitadel.Projects;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// Cross-replica locks on users' authorizations for <see cref="MembershipCoordination.ProjectRoleLock"/>: a lock is
/// the role <c>scimlock.&lt;userId&gt;</c> of the tenant's project. <c>AddProjectRole</c> checks key uniqueness on
/// ZITADEL's write side (strongly consistent, zitadel-api.md §7.1, §11.3), so only one replica can add it; the others
/// get 409, wait with jittered backoff and try again, and answer 503 with <c>Retry-After</c> after
/// <see cref="ZitadelStoreOptions.MembershipLockWait"/>. A lock older than
/// <see cref="ZitadelStoreOptions.MembershipLockTimeToLive"/> (by the role's creation date) belongs to a replica that
/// died holding it and is broken. Lock roles are never granted to anyone and never surface as SCIM groups (their keys
/// lack the <c>scim.</c> prefix).
/// </summary>
internal sealed class ProjectRoleLocks(ZitadelClient client, ZitadelStoreOptions options, TimeProvider time)
{
    internal const string KeyPrefix = "scimlock.";
    internal const string Group = "scimlock";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMilliseconds(250);

    private string ProjectId => options.ProjectId!;

    /// <summary>Whether locks taken at <paramref name="since"/> are past half their TTL.</summary>
    private bool IsLate(DateTimeOffset since) => time.GetUtcNow() - since > options.MembershipLockTimeToLive / 2;

    public static string Key(string userId) => KeyPrefix + userId;

    /// <summary>Takes the locks of <paramref name="userIds"/> one by one in ordinal order, so replicas never deadlock.</summary>
    public async Task<Held> AcquireAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var held = new Held(this, time.GetUtcNow());
        try
        {
            foreach (var userId in userIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                held.Add(userId, await AcquireOneAsync(userId, cancellationToken));
            }
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }

        return held;
    }

    private async Task<string> AcquireOneAsync(string userId, CancellationToken cancellationToken)
    {
        var key = Key(userId);
        // The display name names this acquisition, so a lost answer to our own add is recognised as ours.
        var owner = $"SCIM membership lock {Guid.NewGuid():N}";
        var deadline = time.GetUtcNow() + options.MembershipLockWait;
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                await client.Projects.AddProjectRoleAsync(new AddProjectRoleRequest(ProjectId, key, owner, Group), cancellationToken);
                return owner;
            }
            catch (ZitadelException error) when (error.IsAlreadyExists)
            {
                var holder = await FindAsync(key, cancellationToken);
                if (holder?.DisplayName == owner)
                {
                    return owner;
                }

                if (holder?.CreationDate is { } since && time.GetUtcNow() - since > options.MembershipLockTimeToLive)
                {
                    // Its holder died (a live holder finishes well within the TTL, see Held.EnsureFresh): break it.
                    await RemoveAsync(key, cancellationToken);
                    continue;
                }
            }
            catch (ZitadelException error) when (IsTransient(error))
            {
                // Our add may have been applied: the next attempt finds out (409, then our own display name).
            }
            catch (ZitadelException error)
            {
                throw ZitadelErrors.ToScim(error, "members");
            }

            if (time.GetUtcNow() >= deadline)
            {
                await ReleaseIfOursAsync(key, owner);
                throw new ScimException(503, null, string.Create(CultureInfo.InvariantCulture,
                    $"Another endpoint replica is changing the roles of user '{ScimErrors.Shorten(userId)}'; retry."))
                {
                    RetryAfter = TimeSpan.FromSeconds(1),
                };
            }

            var jitter = TimeSpan.FromTicks((long)(backoff.Ticks * Random.Shared.NextDouble()));
            await Task.Delay(backoff / 2 + jitter, time, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
        }
    }

    private async Task<ProjectRole?> FindAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.Projects.ListProjectRolesAsync(
                new ListProjectRolesRequest
                {
                    ProjectId = ProjectId,
                    Pagination = new ListQuery { Limit = 1 },
                    Filters = [ProjectRoleSearchFilter.Key(key)],
                },
                cancellationToken);
            // Lists lag writes (§11.3): a lock added a moment ago may be missing; it then counts as held.
            return response.ProjectRoles.FirstOrDefault(r => r.Key == key);
        }
        catch (ZitadelException error) when (IsTransient(error))
        {
            return null;
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "members");
        }
    }

    private async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.Projects.RemoveProjectRoleAsync(ProjectId, key, cancellationToken);
        }
        catch (ZitadelException error) when (error.IsNotFound)
        {
            // Released or broken by someone else meanwhile.
        }
    }

    /// <summary>Best effort: a lock left behind expires after the TTL anyway.</summary>
    private async Task ReleaseIfOursAsync(string key, string owner)
    {
        try
        {
            if ((await FindAsync(key, CancellationToken.None))?.DisplayName == owner)
            {
                await RemoveAsync(key, CancellationToken.None);
            }
        }
        catch (Exception error) when (error is ZitadelException or ScimException or HttpRequestException)
        {
        }
    }

    private static bool IsTransient(ZitadelException error) =>
        error.Code is ZitadelErrorCode.Unavailable or ZitadelErrorCode.ResourceExhausted or ZitadelErrorCode.DeadlineExceeded
        || error.StatusCode is null;

    /// <summary>The locks one operation holds; disposing releases them.</summary>
    internal sealed class Held(ProjectRoleLocks owner, DateTimeOffset since) : IAsyncDisposable
    {
        private readonly List<(string Key, string Owner)> _locks = [];

        public void Add(string userId, string lockOwner) => _locks.Add((Key(userId), lockOwner));

        /// <summary>
        /// Refuses to write once the locks are half their TTL old: past the TTL another replica may break them, and
        /// the write must land well before that.
        /// </summary>
        public void EnsureFresh()
        {
            if (_locks.Count > 0 && owner.IsLate(since))
            {
                throw new ScimException(503, null, "Taking the membership locks took too long; retry.") { RetryAfter = TimeSpan.FromSeconds(1) };
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Past half the TTL the lock may have been broken and taken by another replica: remove only our own.
            var late = owner.IsLate(since);
            foreach (var (key, lockOwner) in Enumerable.Reverse(_locks))
            {
                try
                {
                    if (late)
                    {
                        await owner.ReleaseIfOursAsync(key, lockOwner);
                    }
                    else
                    {
                        await owner.RemoveAsync(key, CancellationToken.None);
                    }
                }
                catch (ZitadelException)
                {
                    // Left behind: it expires after the TTL.
                }
            }

            _locks.Clear();
        }
    }
}
