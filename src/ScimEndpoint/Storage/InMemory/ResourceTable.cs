using System.Collections.Concurrent;

namespace ScimEndpoint.Storage.InMemory;

/// <summary>
/// The resources of one type and their indexes. Writers hold the store's write lock; readers use the concurrent
/// dictionaries and the published <see cref="Order"/> snapshot without locking.
/// </summary>
internal sealed class ResourceTable(string uniqueAttribute)
{
    private const int MinCompaction = 1024;

    private volatile OrderSnapshot _order = new([], 0);
    private int _deleted;

    /// <summary>The attribute that must be unique ignoring case: <c>userName</c> or <c>displayName</c>.</summary>
    public string UniqueAttribute { get; } = uniqueAttribute;

    public ConcurrentDictionary<string, StoredSlot> ById { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, StoredSlot> ByUnique { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>externalId is not unique: each value maps to an immutable array of slots.</summary>
    public ConcurrentDictionary<string, StoredSlot[]> ByExternalId { get; } = new(StringComparer.Ordinal);

    /// <summary>Every slot in creation order; deleted slots stay until compaction and are skipped by readers.</summary>
    public OrderSnapshot Order => _order;

    public void Append(StoredSlot slot)
    {
        var order = _order;
        var items = order.Items;
        if (order.Count == items.Length)
        {
            Array.Resize(ref items, Math.Max(16, items.Length * 2));
        }

        // Note: the slot is written before the count that makes it visible is published.
        items[order.Count] = slot;
        _order = new OrderSnapshot(items, order.Count + 1);
    }

    public void Removed()
    {
        _deleted++;
        var order = _order;
        if (_deleted < MinCompaction || _deleted < order.Count / 2)
        {
            return;
        }

        var live = order.Items.Take(order.Count).Where(s => s.Resource is not null).ToArray();
        _order = new OrderSnapshot(live, live.Length);
        _deleted = 0;
    }

    public void AddExternalId(string? externalId, StoredSlot slot)
    {
        if (externalId is not null)
        {
            ByExternalId.AddOrUpdate(externalId, _ => [slot], (_, slots) => [.. slots, slot]);
        }
    }

    public void RemoveExternalId(string? externalId, StoredSlot slot)
    {
        if (externalId is null || !ByExternalId.TryGetValue(externalId, out var slots))
        {
            return;
        }

        var remaining = Array.FindAll(slots, s => s != slot);
        if (remaining.Length == 0)
        {
            ByExternalId.TryRemove(externalId, out _);
        }
        else
        {
            ByExternalId[externalId] = remaining;
        }
    }

    /// <summary>A published prefix of the order array: readers see slots [0, Count).</summary>
    internal sealed record OrderSnapshot(StoredSlot[] Items, int Count);
}
