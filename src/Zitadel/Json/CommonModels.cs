using System.Text.Json.Serialization;

namespace Zitadel.Json;

// Messages shared by several services; these small records share one file.

/// <summary><c>zitadel.object.v2.Details</c> of one resource.</summary>
internal sealed record ObjectDetails
{
    [JsonNumberHandling(ProtoJson.Int64)]
    public long Sequence { get; init; }

    public DateTimeOffset? ChangeDate { get; init; }

    public string ResourceOwner { get; set; } = "";

    public DateTimeOffset? CreationDate { get; init; }
}

/// <summary>The <c>details</c> of the older list responses; <c>totalResult</c> is absent when there are no matches.</summary>
internal sealed record ListDetails
{
    [JsonNumberHandling(ProtoJson.Int64)]
    public long TotalResult { get; init; }

    [JsonNumberHandling(ProtoJson.Int64)]
    public long ProcessedSequence { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>
/// Paging of a list request: the wire shape of both <c>query</c> (ListQuery) and <c>pagination</c>
/// (PaginationRequest). The limit is at most <see cref="MaxLimit"/>; 0 lets ZITADEL apply its default of 100.
/// </summary>
internal sealed record ListQuery
{
    /// <summary>ZITADEL answers a larger limit with 400 <c>QUERY-4M0fs</c> (§11.2).</summary>
    public const uint MaxLimit = 1000;

    private readonly uint _limit;

    [JsonNumberHandling(ProtoJson.Int64)]
    public long Offset { get; init; }

    public uint Limit
    {
        get => _limit;
        init => _limit = value <= MaxLimit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"ZITADEL allows at most {MaxLimit}.");
    }

    /// <summary>Ascending order; ZITADEL sorts descending by default.</summary>
    public bool Asc { get; init; }
}

/// <summary><c>PaginationResponse</c> of the newer list responses.</summary>
internal sealed record PaginationResponse
{
    [JsonNumberHandling(ProtoJson.Int64)]
    public long TotalResult { get; init; }

    [JsonNumberHandling(ProtoJson.Int64)]
    public long AppliedLimit { get; init; }
}

/// <summary>The answer of calls that return only <c>{details}</c>.</summary>
internal sealed record DetailsResponse
{
    public ObjectDetails? Details { get; init; }
}

/// <summary>The answer of calls that return only <c>{creationDate}</c>.</summary>
internal sealed record CreationDateResponse
{
    public DateTimeOffset? CreationDate { get; init; }
}

/// <summary>The answer of calls that return only <c>{changeDate}</c>.</summary>
internal sealed record ChangeDateResponse
{
    public DateTimeOffset? ChangeDate { get; init; }
}

/// <summary>The answer of calls that return only <c>{deletionDate}</c>.</summary>
internal sealed record DeletionDateResponse
{
    public DateTimeOffset? DeletionDate { get; init; }
}

/// <summary>The request of the newer list calls, <c>{pagination, filters}</c>; each filter is a oneof.</summary>
internal sealed record FilteredListRequest<TFilter>
{
    public ListQuery? Pagination { get; init; }

    /// <summary>Combined with AND.</summary>
    public IReadOnlyList<TFilter>? Filters { get; init; }
}

/// <summary>A filter on one id, <c>{id}</c>.</summary>
internal sealed record IdFilter(string Id);

/// <summary>A filter on a set of ids, <c>{ids:[…]}</c>.</summary>
internal sealed record IdsFilter(IReadOnlyList<string> Ids);
