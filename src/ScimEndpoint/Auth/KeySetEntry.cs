namespace ScimEndpoint.Auth;

/// <summary>One accepted bearer token, known only by the SHA-256 of its UTF-8 bytes.</summary>
/// <param name="Id">The key id, safe to log and to record (e.g. <c>key-1</c>).</param>
/// <param name="Hash">The 32-byte SHA-256 of the token. Never logged or echoed.</param>
/// <param name="ExpiresAt">When the key stops being accepted, or null for never.</param>
internal sealed record KeySetEntry(string Id, byte[] Hash, DateTimeOffset? ExpiresAt);
