namespace Emulators.Zitadel.Auth;

/// <summary>An OAuth 2.0 token error (RFC 6749 §5.2), answered as <c>{error, error_description}</c> with 400.</summary>
internal sealed class OAuthException(string error, string description) : Exception(description)
{
    public string Error { get; } = error;

    public static OAuthException InvalidGrant(string description) => new("invalid_grant", description);
}
