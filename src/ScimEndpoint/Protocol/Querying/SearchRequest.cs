namespace ScimEndpoint.Protocol.Querying;

/// <summary>
/// The query parameters of RFC 7644 §3.4.2 (GET with a query string) or §3.4.3 (POST <c>/.search</c>), as sent.
/// <see cref="ScimService"/> validates them.
/// </summary>
internal sealed record SearchRequest
{
    public string? Filter { get; init; }

    public IReadOnlyList<string> Attributes { get; init; } = [];

    public IReadOnlyList<string> ExcludedAttributes { get; init; } = [];

    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }

    public int? StartIndex { get; init; }

    public int? Count { get; init; }
}
