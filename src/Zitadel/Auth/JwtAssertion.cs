using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Zitadel.Json;

namespace Zitadel.Auth;

/// <summary>Builds the RS256 JWT a service account presents to the token endpoint (§2.2).</summary>
internal static class JwtAssertion
{
    /// <summary>ZITADEL rejects assertions whose <c>iat</c> is older than one hour.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static string Create(ServiceAccountKey key, string audience, DateTimeOffset now)
    {
        var header = new JwtHeader("RS256", key.KeyId, "JWT");
        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new JwtClaims(key.UserId, key.UserId, audience, issuedAt, issuedAt + (long)Lifetime.TotalSeconds);
        var signingInput = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header, ZitadelJsonContext.Default.JwtHeader))
            + "."
            + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, ZitadelJsonContext.Default.JwtClaims));

        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        var signature = rsa.SignData(
            Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
