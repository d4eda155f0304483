using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Storage;

/// <summary>A validated query: the filter AST, the sort and a 1-based page.</summary>
/// <param name="Filter">The filter, or null for all resources.</param>
/// <param name="SortBy">The attribute to sort by, or null for the store's stable order (creation order).</param>
/// <param name="Descending">Sort descending.</param>
/// <param name="StartIndex">1-based index of the first result.</param>
/// <param name="Count">Most results to return; 0 returns only the total.</param>
/// <param name="IncludeMembers">Whether the response shows group members; a store may skip reading them when not.</param>
internal sealed record StoreQuery(
    FilterNode? Filter, AttributePath? SortBy, bool Descending, int StartIndex, int Count, bool IncludeMembers = true);
