using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage.InMemory;

/// <summary>
/// Runs a <see cref="StoreQuery"/> over a <see cref="ResourceTable"/>: candidates from an index when the filter
/// pins an indexed attribute with <c>eq</c>, otherwise every resource in creation order; then the whole filter,
/// the sort and the page.
/// </summary>
internal static class InMemoryQuery
{
    public static StoreQueryResult Run(ResourceTypeDefinition type, ResourceTable table, StoreQuery query)
    {
        var indexed = query.Filter is null ? null : IndexLookup(type, table, query.Filter);
        var matches = new List<(StoredSlot Slot, JsonObject Resource)>();
        foreach (var slot in indexed ?? All(table.Order))
        {
            if (slot.Resource is { } resource &&
                (query.Filter is null || FilterEvaluator.Matches(type, resource, query.Filter)))
            {
                matches.Add((slot, resource));
            }
        }

        if (query.SortBy is not null && type.Resolve(query.SortBy) is { } sortBy)
        {
            var sorter = new SortComparer(sortBy, query.Descending);
            matches.Sort((a, b) => sorter.Compare(a, b));
        }
        else if (indexed is not null && matches.Count > 1)
        {
            // Index candidates come in index order; the stable order is creation order.
            matches.Sort((a, b) => a.Slot.Sequence.CompareTo(b.Slot.Sequence));
        }

        var skip = Math.Min(matches.Count, query.StartIndex - 1);
        var take = Math.Min(query.Count, matches.Count - skip);
        var page = new JsonObject[take];
        for (var i = 0; i < take; i++)
        {
            page[i] = matches[skip + i].Resource;
        }

        return new StoreQueryResult(matches.Count, page);
    }

    private static IEnumerable<StoredSlot> All(ResourceTable.OrderSnapshot order)
    {
        for (var i = 0; i < order.Count; i++)
        {
            yield return order.Items[i];
        }
    }

    /// <summary>
    /// The slots an <c>eq</c> on id, the unique attribute or externalId can match, alone or as one side of an
    /// <c>and</c>; null when the filter pins no indexed attribute. The full filter is still checked on each.
    /// </summary>
    internal static StoredSlot[]? IndexLookup(ResourceTypeDefinition type, ResourceTable table, FilterNode filter)
    {
        switch (filter)
        {
            case AndFilter and:
                return IndexLookup(type, table, and.Left) ?? IndexLookup(type, table, and.Right);
            case CompareFilter { Operator: CompareOperator.Eq, Value: string value, Path.SubAttribute: null } compare
                when compare.Path.SchemaUrn is null ||
                    compare.Path.SchemaUrn.Equals(type.Schema.Id, StringComparison.OrdinalIgnoreCase):
                var name = compare.Path.Name;
                if (name.Equals("id", StringComparison.OrdinalIgnoreCase))
                {
                    return table.ById.TryGetValue(value, out var slot) ? [slot] : [];
                }

                if (name.Equals(table.UniqueAttribute, StringComparison.OrdinalIgnoreCase))
                {
                    return table.ByUnique.TryGetValue(value, out var slot) ? [slot] : [];
                }

                if (name.Equals("externalId", StringComparison.OrdinalIgnoreCase))
                {
                    return table.ByExternalId.TryGetValue(value, out var slots) ? slots : [];
                }

                return null;
            default:
                return null;
        }
    }
}
