using System.Globalization;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="IScimStore"/> in process memory, for tests and the local demo. One write lock keeps
/// uniqueness and membership consistent; reads take immutable snapshots without locking. Lookups by id, userName,
/// group displayName and externalId use indexes, so they cost the same for 1,000 or 100,000 resources.
/// </summary>
internal sealed class InMemoryScimStore(TimeProvider time) : IScimStore
{
    private readonly Lock _writeLock = new();
    private readonly ResourceTable _users = new("userName");
    private readonly ResourceTable _groups = new("displayName");

    /// <summary>Group ids by member id (User or Group); used only under the write lock.</summary>
    private readonly Dictionary<string, HashSet<string>> _groupsByMember = new(StringComparer.Ordinal);
    private long _sequence;

    public Task<JsonObject?> GetAsync(ResourceTypeDefinition type, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Table(type).ById.TryGetValue(id, out var slot) ? slot.Resource : null);

    public Task<StoreQueryResult> QueryAsync(
        ResourceTypeDefinition type, StoreQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(InMemoryQuery.Run(type, Table(type), query));

    public Task<JsonObject> CreateAsync(
        ResourceTypeDefinition type, JsonObject resource, CancellationToken cancellationToken)
    {
        var table = Table(type);
        lock (_writeLock)
        {
            var unique = UniqueValue(table, resource);
            if (unique is not null && table.ByUnique.ContainsKey(unique))
            {
                throw ScimErrors.Uniqueness(table.UniqueAttribute);
            }

            var id = Guid.NewGuid().ToString();
            var members = table == _groups ? CheckMembers(resource) : null;
            var now = Now();
            var slot = new StoredSlot(id, ++_sequence) { Version = 1 };
            slot.Resource = Snapshot(type, id, resource, members, created: now, lastModified: now, slot.Version);
            table.ById[id] = slot;
            if (unique is not null)
            {
                table.ByUnique[unique] = slot;
            }

            table.AddExternalId(ExternalId(resource), slot);
            table.Append(slot);
            IndexMembers(id, [], MemberIds(slot.Resource));
            return Task.FromResult(slot.Resource);
        }
    }

    public Task<JsonObject> ReplaceAsync(
        ResourceTypeDefinition type, JsonObject current, JsonObject replacement, CancellationToken cancellationToken)
    {
        var table = Table(type);
        var id = ResourceMeta.Id(current) ?? throw new ArgumentException("The current resource has no id.", nameof(current));
        lock (_writeLock)
        {
            if (!table.ById.TryGetValue(id, out var slot) || slot.Resource is not { } stored)
            {
                throw ScimErrors.NotFound(type.Name, id);
            }

            if (ResourceMeta.Version(stored) != ResourceMeta.Version(current))
            {
                throw new StoreConflictException(id);
            }

            var oldUnique = UniqueValue(table, stored);
            var newUnique = UniqueValue(table, replacement);
            if (newUnique is not null && table.ByUnique.TryGetValue(newUnique, out var holder) && holder != slot)
            {
                throw ScimErrors.Uniqueness(table.UniqueAttribute);
            }

            var members = table == _groups ? CheckMembers(replacement) : null;
            slot.Version++;
            var created = (string?)stored["meta"]?["created"] ?? Now();
            var updated = Snapshot(type, id, replacement, members, created, Now(), slot.Version);
            if (oldUnique is not null)
            {
                table.ByUnique.TryRemove(oldUnique, out _);
            }

            if (newUnique is not null)
            {
                table.ByUnique[newUnique] = slot;
            }

            table.RemoveExternalId(ExternalId(stored), slot);
            table.AddExternalId(ExternalId(updated), slot);
            IndexMembers(id, MemberIds(stored), MemberIds(updated));
            slot.Resource = updated;
            return Task.FromResult(updated);
        }
    }

    public async Task<bool> ChangeMembersAsync(
        string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken)
    {
        var type = ScimSchemas.GroupType;
        while (true)
        {
            if (await GetAsync(type, groupId, cancellationToken) is not { } current)
            {
                return false;
            }

            var replacement = (JsonObject)current.DeepClone();
            var members = replacement["members"] as JsonArray ?? [];
            var present = members.Select(m => (string?)m?["value"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var member in members.Where(m => remove.Contains((string?)m?["value"] ?? "")).ToList())
            {
                members.Remove(member);
            }

            foreach (var id in add.Where(id => !present.Contains(id) && !remove.Contains(id)))
            {
                members.Add(new JsonObject { ["value"] = id });
            }

            replacement["members"] = members.Count == 0 ? null : members;
            if (replacement["members"] is null)
            {
                replacement.Remove("members");
            }

            try
            {
                await ReplaceAsync(type, current, replacement, cancellationToken);
                return true;
            }
            catch (StoreConflictException)
            {
                // Another writer changed the group between read and write: apply the same change to the new state.
            }
        }
    }

    public Task<bool> DeleteAsync(
        ResourceTypeDefinition type, string id, string? expectedVersion, CancellationToken cancellationToken)
    {
        var table = Table(type);
        lock (_writeLock)
        {
            if (!table.ById.TryGetValue(id, out var slot) || slot.Resource is not { } stored)
            {
                return Task.FromResult(false);
            }

            if (expectedVersion is not null && ResourceMeta.Version(stored) != expectedVersion)
            {
                throw ScimErrors.PreconditionFailed();
            }

            table.ById.TryRemove(id, out _);
            if (UniqueValue(table, stored) is { } unique)
            {
                table.ByUnique.TryRemove(unique, out _);
            }

            table.RemoveExternalId(ExternalId(stored), slot);
            IndexMembers(id, MemberIds(stored), []);
            slot.Resource = null;
            table.Removed();
            RemoveFromGroups(id);
            return Task.FromResult(true);
        }
    }

    private ResourceTable Table(ResourceTypeDefinition type) =>
        type.Name == ScimSchemas.GroupType.Name ? _groups : _users;

    private string Now() =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? UniqueValue(ResourceTable table, JsonObject resource) =>
        resource[table.UniqueAttribute] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? ExternalId(JsonObject resource) =>
        resource["externalId"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static List<string> MemberIds(JsonObject resource) =>
        resource["members"] is JsonArray members
            ? members.Select(m => m?["value"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null)
                .OfType<string>()
                .ToList()
            : [];

    /// <summary>Checks that every member exists and gives it its <c>type</c>; returns the members to store.</summary>
    private JsonArray? CheckMembers(JsonObject group)
    {
        if (group["members"] is not JsonArray members)
        {
            return null;
        }

        var result = new JsonArray();
        foreach (var member in members)
        {
            if (member is not JsonObject entry || entry["value"] is not JsonValue value ||
                !value.TryGetValue<string>(out var memberId))
            {
                throw ScimErrors.InvalidValue("Every member needs a string 'value' with the id of a User or Group.");
            }

            var memberType = _users.ById.TryGetValue(memberId, out var user) && user.Resource is not null ? "User"
                : _groups.ById.TryGetValue(memberId, out var group2) && group2.Resource is not null ? "Group"
                : throw ScimErrors.InvalidValue($"Member '{ScimErrors.Shorten(memberId)}' is not an existing User or Group.");
            var copy = entry.DeepClone().AsObject();
            if (copy["type"] is null)
            {
                copy["type"] = memberType;
            }

            result.Add(copy);
        }

        return result;
    }

    private void IndexMembers(string groupId, List<string> before, List<string> after)
    {
        foreach (var removed in before.Except(after, StringComparer.Ordinal))
        {
            if (_groupsByMember.TryGetValue(removed, out var groups) && groups.Remove(groupId) && groups.Count == 0)
            {
                _groupsByMember.Remove(removed);
            }
        }

        foreach (var added in after.Except(before, StringComparer.Ordinal))
        {
            if (!_groupsByMember.TryGetValue(added, out var groups))
            {
                _groupsByMember[added] = groups = new HashSet<string>(StringComparer.Ordinal);
            }

            groups.Add(groupId);
        }
    }

    /// <summary>Removes a deleted resource from every group that lists it, as a new version of each group.</summary>
    private void RemoveFromGroups(string memberId)
    {
        if (!_groupsByMember.Remove(memberId, out var groupIds))
        {
            return;
        }

        foreach (var groupId in groupIds)
        {
            if (!_groups.ById.TryGetValue(groupId, out var slot) || slot.Resource is not { } group)
            {
                continue;
            }

            var updated = group.DeepClone().AsObject();
            if (updated["members"] is JsonArray members)
            {
                foreach (var member in members.Where(m => (string?)m?["value"] == memberId).ToList())
                {
                    members.Remove(member);
                }
            }

            slot.Version++;
            var meta = updated["meta"]!.AsObject();
            meta["lastModified"] = Now();
            meta["version"] = ResourceMeta.FormatVersion(slot.Version);
            slot.Resource = updated;
        }
    }

    /// <summary>A new immutable snapshot: <c>id</c>, the client attributes, then server-owned <c>meta</c>.</summary>
    private static JsonObject Snapshot(
        ResourceTypeDefinition type, string id, JsonObject source, JsonArray? members, string created,
        string lastModified, long version)
    {
        var snapshot = new JsonObject { ["id"] = id };
        foreach (var (name, value) in source)
        {
            if (name is "id" or "meta")
            {
                continue;
            }

            snapshot[name] = name == "members" && members is not null ? members : value?.DeepClone();
        }

        snapshot["meta"] = new JsonObject
        {
            ["resourceType"] = type.Name,
            ["created"] = created,
            ["lastModified"] = lastModified,
            ["version"] = ResourceMeta.FormatVersion(version),
        };
        return snapshot;
    }
}
