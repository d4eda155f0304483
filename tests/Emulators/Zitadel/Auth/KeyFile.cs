using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Json;

namespace Emulators.Zitadel.Auth;

/// <summary>
/// The service-account key file (§2.2): <c>{type, keyId, key (PEM private key), expirationDate?, userId}</c>.
/// </summary>
internal static class KeyFile
{
    public static string Json(string keyId, string userId, RSA rsa, DateTimeOffset? expires) => new JsonObject
    {
        ["type"] = "serviceaccount",
        ["keyId"] = keyId,
        ["key"] = rsa.ExportRSAPrivateKeyPem(),
    }.Time("expirationDate", expires).Str("userId", userId).ToJsonString();
}
