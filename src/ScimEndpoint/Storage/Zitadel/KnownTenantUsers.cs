using System.Collections.Concurrent;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// Ids of users this process has seen to be users of the tenant's organisation: created or read through the store,
/// or holding an authorization on the project. A ZITADEL user never changes organisation, so an entry stays true
/// until the user is deleted; a write for a deleted user fails in ZITADEL (404) and evicts it. Bounded: when full it
/// starts over, which costs at most one <c>ListUsers</c> per member change until it is warm again.
/// </summary>
internal sealed class KnownTenantUsers(int capacity = KnownTenantUsers.DefaultCapacity)
{
    internal const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public void Add(string userId)
    {
        if (_ids.Count >= capacity)
        {
            _ids.Clear();
        }

        _ids.TryAdd(userId, 0);
    }

    public bool Contains(string userId) => _ids.ContainsKey(userId);

    public void Remove(string userId) => _ids.TryRemove(userId, out _);
}
