using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Auth;

/// <summary>
/// Verifies a JWT-profile assertion the way zitadel/oidc's <c>verifier_jwt_profile.go</c> does (§2.2): the key of
/// (kid, iss) verifies the RS256 signature, iss == sub, aud contains the issuer, exp is in the future and iat is
/// not older than 1 h (with 1 s of leeway).
/// </summary>
internal static class JwtProfileValidator
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(1);

    /// <summary>Returns the user id the assertion authenticates; the caller holds the state lock.</summary>
    public static string Validate(EmulatorState state, string assertion, string issuer)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            throw OAuthException.InvalidGrant("assertion is not a JWT");
        }

        var header = Decode(parts[0]);
        var claims = Decode(parts[1]);
        var hash = Text(header, "alg") switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => throw OAuthException.InvalidGrant("unsupported signing algorithm"),
        };
        var issuerClaim = Text(claims, "iss");
        if (issuerClaim is null || issuerClaim != Text(claims, "sub"))
        {
            throw OAuthException.InvalidGrant("iss and sub must be the same user id");
        }

        if (!Audiences(claims).Any(audience => audience.TrimEnd('/') == issuer.TrimEnd('/')))
        {
            throw OAuthException.InvalidGrant("audience does not contain the issuer");
        }

        var now = state.Now;
        if (Seconds(claims, "exp") is not { } exp || exp + Leeway <= now)
        {
            throw OAuthException.InvalidGrant("assertion has expired");
        }

        if (Seconds(claims, "iat") is not { } iat || iat < now - MaxAge - Leeway)
        {
            throw OAuthException.InvalidGrant("assertion was issued too long ago");
        }

        var key = state.Keys.Get((issuerClaim, Text(header, "kid") ?? string.Empty));
        if (key is null || key.Expires <= now)
        {
            throw OAuthException.InvalidGrant("no key for kid and iss");
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PublicKeyPem);
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!rsa.VerifyData(signed, Base64Url(parts[2]), hash, RSASignaturePadding.Pkcs1))
        {
            throw OAuthException.InvalidGrant("signature is invalid");
        }

        return issuerClaim;
    }

    private static JsonObject Decode(string part)
    {
        try
        {
            return JsonNode.Parse(Base64Url(part)) as JsonObject ?? throw OAuthException.InvalidGrant("malformed JWT");
        }
        catch (JsonException)
        {
            throw OAuthException.InvalidGrant("malformed JWT");
        }
    }

    private static byte[] Base64Url(string text)
    {
        var normal = text.Replace('-', '+').Replace('_', '/');
        try
        {
            return Convert.FromBase64String(normal.PadRight(normal.Length + ((4 - (normal.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw OAuthException.InvalidGrant("malformed JWT");
        }
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static IEnumerable<string> Audiences(JsonObject claims) => claims["aud"] switch
    {
        JsonArray array => array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String)
            .Select(v => v.GetValue<string>()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    private static DateTimeOffset? Seconds(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeSeconds((long)value.GetValue<double>())
            : null;
}
