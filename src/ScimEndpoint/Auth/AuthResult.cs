namespace ScimEndpoint.Auth;

/// <summary>The outcome of checking a bearer token: the key id on success, otherwise the reason.</summary>
internal readonly record struct AuthResult(string? KeyId, AuthFailureReason Failure)
{
    public bool Succeeded => Failure == AuthFailureReason.None;

    public static AuthResult Success(string keyId) => new(keyId, AuthFailureReason.None);

    public static AuthResult Fail(AuthFailureReason reason) => new(null, reason);
}
