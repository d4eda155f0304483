namespace Zitadel.Transport;

/// <summary>Whether a call may be sent again when ZITADEL may already have executed it.</summary>
internal enum RetrySafety
{
    /// <summary>
    /// Repeating it has the same effect (reads, deletes, replace-style sets), so it is retried on 429/503/504,
    /// UNAVAILABLE, DEADLINE_EXCEEDED, connection failures and timeouts.
    /// </summary>
    Idempotent,

    /// <summary>
    /// A repeat may fail or act twice (creates, adds, state transitions), so it is retried only when the request
    /// provably did not execute: ZITADEL answered 429 or 503, or the connection could not be opened.
    /// </summary>
    NotIdempotent,
}
