namespace ScimEndpoint.Protocol;

/// <summary>
/// A SCIM protocol error (RFC 7644 §3.12). The HTTP layer turns it into the error body; nothing else catches it.
/// </summary>
/// <remarks>The detail is sent to the client: it must never hold a token, a secret or a whole payload.</remarks>
internal sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary>The RFC 7644 §3.12 <c>scimType</c>, or null where the RFC defines none for the status.</summary>
    public string? ScimType { get; } = scimType;

    public string Detail { get; } = detail;

    /// <summary>For 503 and 429: when the client may retry; sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
