namespace ScimEndpoint.Auth;

/// <summary>Why a request was refused; the <c>reason</c> label of <c>scim_auth_failures_total</c>.</summary>
internal enum AuthFailureReason
{
    None,

    /// <summary>No <c>Authorization</c> header.</summary>
    Missing,

    /// <summary>Not <c>Bearer &lt;token&gt;</c>, or a token with forbidden characters or length.</summary>
    Malformed,

    /// <summary>The token matches no key.</summary>
    Unknown,

    /// <summary>The token matches a key whose <c>expiresAt</c> has passed.</summary>
    Expired,

    /// <summary>No key set is loaded, so no token can be valid.</summary>
    NoKeys,
}
