using System.Text.Json;

namespace Zitadel.Auth;

/// <summary>
/// A machine user's key file (§2.2): <c>{"type":"serviceaccount","keyId","key":"&lt;PEM&gt;","userId"}</c>.
/// </summary>
/// <remarks>Note: <see cref="ToString"/> names the key id and user only; the private key never leaves this type
/// except for signing.</remarks>
internal sealed class ServiceAccountKey
{
    private ServiceAccountKey(string keyId, string userId, string privateKeyPem)
    {
        KeyId = keyId;
        UserId = userId;
        PrivateKeyPem = privateKeyPem;
    }

    public string KeyId { get; }

    public string UserId { get; }

    public string PrivateKeyPem { get; }

    public static ServiceAccountKey Load(string path) => Parse(File.ReadAllText(path));

    /// <exception cref="FormatException">The JSON is not a service-account key file; the message holds no key.
    /// </exception>
    public static ServiceAccountKey Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var type = Read(root, "type");
            if (type != "serviceaccount")
            {
                throw new FormatException($"The key file has type \"{type}\"; only \"serviceaccount\" is supported.");
            }

            var key = Read(root, "key");
            if (!key.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                throw new FormatException("The key file's \"key\" is not a PEM private key.");
            }

            return new ServiceAccountKey(Read(root, "keyId"), Read(root, "userId"), key);
        }
        catch (JsonException)
        {
            // The JsonException text may quote the input, i.e. the key: do not chain it.
            throw new FormatException("The key file is not valid JSON.");
        }
    }

    public override string ToString() => $"ServiceAccountKey {KeyId} of user {UserId}";

    private static string Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"The key file has no \"{name}\".");
}
