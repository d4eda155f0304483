using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

/// <summary>Builds an RS256 JWT-profile assertion the way a client would, for the token endpoint tests.</summary>
internal static class JwtAssertion
{
    public static string Sign(RSA key, string keyId, JsonObject claims)
    {
        var header = Encode(new JsonObject { ["alg"] = "RS256", ["kid"] = keyId, ["typ"] = "JWT" });
        var payload = Encode(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    public static JsonObject Claims(string issuer, string subject, string audience, DateTimeOffset issuedAt,
        TimeSpan lifetime) => new()
    {
        ["iss"] = issuer,
        ["sub"] = subject,
        ["aud"] = new JsonArray(audience),
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
    };

    private static string Encode(JsonObject json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
