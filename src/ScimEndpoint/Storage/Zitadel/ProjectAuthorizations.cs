using ScimEndpoint.Protocol;
using Zitadel;
using Zitadel.Authorizations;
using Zitadel.Json;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// The one authorization per user on the tenant's project, shared by groups and app roles. Each caller changes only
/// the role keys it owns; rewrites of one user's set are serialized in this process by a shared per-user lock and,
/// with <see cref="MembershipCoordination.ProjectRoleLock"/>, across replicas by a lock in ZITADEL.
/// </summary>
internal sealed class ProjectAuthorizations(ZitadelClient client, ZitadelStoreOptions options, TimeProvider? time = null)
{
    private const uint PageLimit = 1000;

    private readonly ProjectRoleLocks _roleLocks = new(client, options, time ?? TimeProvider.System);
    private readonly RecentAuthorizationWrites _recent = new(time ?? TimeProvider.System);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public KeyedLock UserLocks { get; } = new();

    /// <summary>Users seen to belong to the tenant's organisation (so member changes need not check them again).</summary>
    public KnownTenantUsers KnownUsers { get; } = new();

    public string ProjectId => options.ProjectId
        ?? throw new InvalidOperationException("Groups and app roles need the tenant's ZITADEL project (Scim:Zitadel:ProjectId).");

    public string OrganizationId => options.OrganizationId;

    /// <summary>
    /// Locks these users' authorizations for a read-modify-write: in this process, and across replicas when
    /// <see cref="ZitadelStoreOptions.MembershipCoordination"/> says so. Dispose to release.
    /// </summary>
    public async Task<UsersLock> LockAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var local = await UserLocks.AcquireAsync(ids, cancellationToken);
        try
        {
            var remote = options.MembershipCoordination == MembershipCoordination.ProjectRoleLock && ids.Count > 0
                ? await _roleLocks.AcquireAsync(ids, cancellationToken)
                : null;
            return new UsersLock(this, ids, _time.GetUtcNow(), local, remote);
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Every authorization on the project within the tenant's organisation that matches <paramref name="filter"/>,
    /// paged through ZITADEL's list (at most 1,000 per call, §11.2): one call per started thousand. More than
    /// <see cref="MaxListed"/> is a 400 <c>tooMany</c> rather than a silent cut.
    /// </summary>
    /// <remarks>Pages are read oldest first, so authorizations created while paging land on later pages; one deleted
    /// while paging can shift a later one onto a page already read, as with any offset paging.</remarks>
    public async Task<IReadOnlyList<Authorization>> ListAsync(AuthorizationSearchFilter filter, CancellationToken cancellationToken)
    {
        var all = new List<Authorization>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (long offset = 0; ; offset += PageLimit)
        {
            if (offset >= MaxListed)
            {
                throw ScimErrors.TooMany(
                    $"More than {MaxListed:N0} authorizations match; read the group with excludedAttributes=members.");
            }

            var response = await Call(
                () => client.Authorizations.ListAuthorizationsAsync(
                    new FilteredListRequest<AuthorizationSearchFilter>
                    {
                        Pagination = new ListQuery { Offset = offset, Limit = PageLimit, Asc = true },
                        Filters = [AuthorizationSearchFilter.Project(ProjectId), AuthorizationSearchFilter.Organization(options.OrganizationId), filter],
                    },
                    cancellationToken));
            foreach (var grant in response.Authorizations.Where(g => ids.Add(g.Id)))
            {
                all.Add(grant);
                if (grant.User is { } user && user.OrganizationId == options.OrganizationId)
                {
                    KnownUsers.Add(user.Id);
                }
            }

            if (response.Authorizations.Count < PageLimit || offset + PageLimit >= (response.Pagination?.TotalResult ?? 0))
            {
                return all;
            }
        }
    }

    /// <summary>The most authorizations one read collects (100 pages): a group's members, or the users of one change.</summary>
    internal const int MaxListed = 100_000;

    /// <summary>
    /// The users' authorizations by user id, for a read-modify-write under <see cref="LockAsync"/>: one list call per
    /// thousand users, with this process's own recent writes laid over it where ZITADEL's projection has not caught up
    /// with them.
    /// </summary>
    public async Task<Dictionary<string, Authorization>> ListForUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var listed = (await ListAsync(AuthorizationSearchFilter.Users([.. userIds]), cancellationToken))
            .Where(g => g.User is not null)
            .ToDictionary(g => g.User!.Id, StringComparer.Ordinal);
        _recent.Overlay(listed, userIds, options.OrganizationId);
        return listed;
    }

    /// <summary>
    /// Writes the user's new role set: keeps the keys <paramref name="owned"/> does not claim, replaces the claimed
    /// ones by <paramref name="desired"/>; creates, updates or deletes the authorization as needed (one call, or none).
    /// </summary>
    public async Task SetAsync(
        string userId, Authorization? current, Func<string, bool> owned, IReadOnlyCollection<string> desired, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(userId, current, owned, desired, cancellationToken);
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "roles");
        }
    }

    /// <summary>
    /// As <see cref="SetAsync"/>, but ZITADEL's error is left to the caller; returns what was written (null when
    /// nothing had to change), which <see cref="UndoAsync"/> can take back.
    /// </summary>
    public async Task<AuthorizationWrite?> WriteAsync(
        string userId, Authorization? current, Func<string, bool> owned, IReadOnlyCollection<string> desired, CancellationToken cancellationToken)
    {
        var keep = current?.Roles.Select(r => r.Key).Where(key => !owned(key)) ?? [];
        var next = keep.Concat(desired).Distinct(StringComparer.Ordinal).ToList();
        var before = current?.Roles.Select(r => r.Key).ToList() ?? [];
        if (before.ToHashSet(StringComparer.Ordinal).SetEquals(next))
        {
            return null;
        }

        if (current is null)
        {
            var created = await client.Authorizations.CreateAuthorizationAsync(
                new CreateAuthorizationRequest(userId, ProjectId, options.OrganizationId, next), cancellationToken);
            _recent.Record(userId, created.Id, next, created.CreationDate);
            return new AuthorizationWrite(userId, before, created.Id);
        }

        if (next.Count == 0)
        {
            var deleted = await client.Authorizations.DeleteAuthorizationAsync(current.Id, cancellationToken);
            _recent.Record(userId, current.Id, [], deleted.DeletionDate);
            return new AuthorizationWrite(userId, before, null);
        }

        try
        {
            var updated = await client.Authorizations.UpdateAuthorizationAsync(current.Id, next, cancellationToken);
            _recent.Record(userId, current.Id, next, updated.ChangeDate);
            return new AuthorizationWrite(userId, before, current.Id);
        }
        catch (ZitadelException error) when (error.IsNotFound && desired.Count > 0)
        {
            // Gone since it was read or written here (a removed role's cascade took its last key, or the user is
            // gone): what it held is gone with it, so start a new one (a deleted user fails this create with 404).
            var created = await client.Authorizations.CreateAuthorizationAsync(
                new CreateAuthorizationRequest(userId, ProjectId, options.OrganizationId, [.. desired]), cancellationToken);
            _recent.Record(userId, created.Id, [.. desired], created.CreationDate);
            return new AuthorizationWrite(userId, [], created.Id);
        }
    }

    /// <summary>
    /// Puts back the role sets these writes replaced, newest first, so a request that failed half-way leaves nothing
    /// behind. Best effort: a step ZITADEL refuses is skipped (the original failure is what the client sees).
    /// </summary>
    public async Task UndoAsync(IEnumerable<AuthorizationWrite> writes)
    {
        foreach (var write in writes.Reverse())
        {
            try
            {
                if (write.Before.Count == 0 && write.AfterId is { } createdId)
                {
                    var deleted = await client.Authorizations.DeleteAuthorizationAsync(createdId, CancellationToken.None);
                    _recent.Record(write.UserId, createdId, [], deleted.DeletionDate);
                }
                else if (write.AfterId is { } id)
                {
                    var updated = await client.Authorizations.UpdateAuthorizationAsync(id, write.Before, CancellationToken.None);
                    _recent.Record(write.UserId, id, write.Before, updated.ChangeDate);
                }
                else
                {
                    var created = await client.Authorizations.CreateAuthorizationAsync(
                        new CreateAuthorizationRequest(write.UserId, ProjectId, options.OrganizationId, write.Before), CancellationToken.None);
                    _recent.Record(write.UserId, created.Id, write.Before, created.CreationDate);
                }
            }
            catch (Exception error) when (error is ZitadelException or HttpRequestException or TaskCanceledException)
            {
            }
        }
    }

    /// <summary>
    /// Before a cross-replica lock is released: waits (bounded) until ZITADEL's list shows what this process wrote for
    /// these users, so the next holder, on any replica, reads it. One list call when the projection is up to date.
    /// </summary>
    private async Task AwaitVisibleAsync(IReadOnlyList<string> userIds, DateTimeOffset since)
    {
        var written = userIds.Where(user => _recent.WrittenAt(user) >= since).ToList();
        var delay = TimeSpan.FromMilliseconds(25);
        var deadline = _time.GetUtcNow() + VisibilityWait;
        while (written.Count > 0)
        {
            try
            {
                var listed = (await ListAsync(AuthorizationSearchFilter.Users([.. written]), CancellationToken.None))
                    .Where(g => g.User is not null)
                    .ToDictionary(g => g.User!.Id, StringComparer.Ordinal);
                written = written.Where(user => _recent.IsBehind(user, listed.GetValueOrDefault(user))).ToList();
            }
            catch (Exception error) when (error is ScimException or HttpRequestException or TaskCanceledException)
            {
                // Not confirmed; the bound below still applies.
            }

            if (written.Count == 0 || _time.GetUtcNow() >= deadline)
            {
                return;
            }

            await Task.Delay(delay, _time);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks));
        }
    }

    /// <summary>How long a lock holder waits for ZITADEL's projection to show its write before releasing anyway.</summary>
    internal static readonly TimeSpan VisibilityWait = TimeSpan.FromSeconds(5);

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ZitadelException error)
        {
            throw ZitadelErrors.ToScim(error, "roles");
        }
    }

    /// <summary>The in-process lock and, in <see cref="MembershipCoordination.ProjectRoleLock"/> mode, the ZITADEL locks.</summary>
    internal sealed class UsersLock(
        ProjectAuthorizations owner, IReadOnlyList<string> userIds, DateTimeOffset since, IAsyncDisposable local, ProjectRoleLocks.Held? remote)
        : IAsyncDisposable
    {
        /// <summary>Throws 503 when the cross-replica locks are too old to write under safely.</summary>
        public void EnsureFresh() => remote?.EnsureFresh();

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (remote is not null)
                {
                    try
                    {
                        await owner.AwaitVisibleAsync(userIds, since);
                    }
                    finally
                    {
                        // Released whatever the wait ended with (a timeout too), or the lock stays until its TTL.
                        await remote.DisposeAsync();
                    }
                }
            }
            finally
            {
                await local.DisposeAsync();
            }
        }
    }
}

/// <summary>One authorization write: the user, its role keys before, and the authorization after (null when deleted).</summary>
internal sealed record AuthorizationWrite(string UserId, IReadOnlyList<string> Before, string? AfterId);
