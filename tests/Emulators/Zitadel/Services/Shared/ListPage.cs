using System.Text.Json.Nodes;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;

namespace Emulators.Zitadel.Services.Shared;

/// <summary>
/// Paging of a list request (<c>query</c> or <c>pagination</c>: offset, limit, asc). §11.2: limit 0 → 100,
/// over 1000 → <c>QUERY-4M0fs</c>; asc defaults to false, so lists are descending by their sorting column.
/// </summary>
internal sealed record ListPage(long Offset, int Limit, bool Ascending)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static ListPage From(JsonObject? paging)
    {
        var limit = paging.Int64("limit");
        if (limit > MaxLimit)
        {
            throw ZitadelException.InvalidArgument("QUERY-4M0fs", "Errors.Query.LimitExceeded");
        }

        var offset = paging.Int64("offset");
        if (limit < 0 || offset < 0)
        {
            throw ZitadelException.InvalidArgument("QUERY-4M0fs", "Errors.Query.InvalidRequest");
        }

        return new ListPage(offset, limit == 0 ? DefaultLimit : (int)limit, paging.Bool("asc"));
    }

    /// <summary>
    /// Sorts by <paramref name="column"/> (then by <paramref name="id"/> for stability) and cuts the page.
    /// </summary>
    public IReadOnlyList<T> Apply<T>(IEnumerable<T> items, Func<T, IComparable> column, Func<T, string> id)
    {
        var sorted = Ascending
            ? items.OrderBy(column).ThenBy(id, StringComparer.Ordinal)
            : items.OrderByDescending(column).ThenByDescending(id, StringComparer.Ordinal);
        return sorted.Skip((int)Math.Min(Offset, int.MaxValue)).Take(Limit).ToList();
    }
}
