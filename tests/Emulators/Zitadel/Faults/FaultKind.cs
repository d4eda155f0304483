namespace Emulators.Zitadel.Faults;

/// <summary>What an injected fault does to a call.</summary>
internal enum FaultKind
{
    /// <summary>429 <c>resource_exhausted</c> with a <c>Retry-After</c> header; nothing is applied.</summary>
    RateLimited,

    /// <summary>503 <c>unavailable</c>; nothing is applied.</summary>
    Unavailable,

    /// <summary>The connection is aborted before the call is applied.</summary>
    DropBeforeApply,

    /// <summary>The call is applied, then the connection is aborted without a response.</summary>
    DropAfterApply,
}
