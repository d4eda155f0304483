using System.Text.Json.Serialization;

namespace Zitadel.Auth;

// The JWT-profile wire shapes; these small records share one file.

internal sealed record JwtHeader(string Alg, string Kid, string Typ);

internal sealed record JwtClaims(string Iss, string Sub, string Aud, long Iat, long Exp);

/// <summary>The token endpoint's answer (RFC 6749 §5.1), in snake_case.</summary>
/// <remarks>Carries a credential: <see cref="ToString"/> leaves the token out.</remarks>
internal sealed record TokenResponse
{
    [JsonPropertyName("access_token")]
    public string AccessToken { get; set; } = "";

    [JsonPropertyName("token_type")]
    public string TokenType { get; set; } = "";

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; init; }

    public override string ToString() => $"TokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
}
