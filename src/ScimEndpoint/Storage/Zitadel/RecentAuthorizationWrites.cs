using System.Collections.Concurrent;
using Zitadel.Authorizations;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// The authorization writes this process made in the last minute, laid over <c>ListAuthorizations</c>. That list
/// reads a projection ZITADEL does not bring up to date first (zitadel-api.md §11.3; the v2 handler calls
/// <c>UserGrants</c> without a trigger), so right after a write it can still show the old role set. A serialized
/// read-modify-write that trusted it would write the old set back and lose the change just made.
/// </summary>
internal sealed class RecentAuthorizationWrites(TimeProvider time)
{
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Write> _writes = new(StringComparer.Ordinal);

    /// <summary>Remembers that <paramref name="userId"/>'s authorization is <paramref name="id"/> with these keys as of
    /// <paramref name="at"/> (ZITADEL's date of the write), or was deleted when <paramref name="keys"/> is empty.</summary>
    public void Record(string userId, string id, IReadOnlyList<string> keys, DateTimeOffset? at)
    {
        var now = time.GetUtcNow();
        if (_writes.Count > 10_000)
        {
            foreach (var (user, old) in _writes)
            {
                if (now - old.RecordedAt > Horizon)
                {
                    _writes.TryRemove(user, out _);
                }
            }
        }

        _writes[userId] = new Write(id, keys, at ?? now, now);
    }

    /// <summary>When this process wrote <paramref name="userId"/>'s authorization last (within the horizon).</summary>
    public DateTimeOffset? WrittenAt(string userId) =>
        _writes.TryGetValue(userId, out var write) && time.GetUtcNow() - write.RecordedAt <= Horizon ? write.RecordedAt : null;

    /// <summary>Whether the listed authorization (null: none listed) is older than this process's last write.</summary>
    public bool IsBehind(string userId, Authorization? listed)
    {
        if (!_writes.TryGetValue(userId, out var write) || time.GetUtcNow() - write.RecordedAt > Horizon)
        {
            return false;
        }

        var listedAt = listed?.ChangeDate ?? listed?.CreationDate;
        if (write.Keys.Count == 0)
        {
            return listed is not null && (listed.Id == write.Id || listedAt <= write.At);
        }

        return listed is null || listedAt < write.At
            || (listedAt == write.At && !listed.Roles.Select(r => r.Key).ToHashSet(StringComparer.Ordinal).SetEquals(write.Keys));
    }

    /// <summary>The authorizations as this process last wrote them where the list is behind.</summary>
    public void Overlay(Dictionary<string, Authorization> listed, IEnumerable<string> userIds, string organizationId)
    {
        foreach (var userId in userIds)
        {
            if (!IsBehind(userId, listed.GetValueOrDefault(userId)))
            {
                continue;
            }

            var write = _writes[userId];
            if (write.Keys.Count == 0)
            {
                listed.Remove(userId);
            }
            else
            {
                listed[userId] = new Authorization
                {
                    Id = write.Id,
                    ChangeDate = write.At,
                    User = new AuthorizationUser { Id = userId, OrganizationId = organizationId },
                    Roles = write.Keys.Select(key => new AuthorizationRole { Key = key }).ToList(),
                };
            }
        }
    }

    private sealed record Write(string Id, IReadOnlyList<string> Keys, DateTimeOffset At, DateTimeOffset RecordedAt);
}
