using System.Security.Cryptography;
using System.Text;
using Zitadel.Auth;

namespace Operator.Controllers.Zitadel;

/// <summary>
/// The operator's own ZITADEL identity, read from <c>spec.zitadel.credentialsSecretRef</c>: a personal access token,
/// or a JWT-profile key file (<c>{"type":"serviceaccount","keyId","key","userId"}</c>), told apart by content.
/// </summary>
/// <remarks>Note: <see cref="ToString"/> and every error message name the kind only, never the content.</remarks>
internal sealed class ZitadelCredential
{
    private ZitadelCredential(bool isKeyFile, string value)
    {
        IsKeyFile = isKeyFile;
        Value = value;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>True for a JWT-profile key file, false for a PAT.</summary>
    public bool IsKeyFile { get; }

    /// <summary>The PAT or the key file's JSON.</summary>
    public string Value { get; }

    /// <summary>The SHA-256 of <see cref="Value"/> (hex), to tell credentials apart without keeping them around.</summary>
    public string Sha256 { get; }

    /// <summary>Detects the kind. A value that starts with <c>{</c> must be a valid key file; anything else must be
    /// one token without whitespace.</summary>
    /// <exception cref="FormatException">Neither; the message holds no part of the content.</exception>
    public static ZitadelCredential Parse(byte[] data)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data).Trim();
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("The credential is not UTF-8 text.");
        }

        if (text.StartsWith('{'))
        {
            _ = ServiceAccountKey.Parse(text);
            return new ZitadelCredential(true, text);
        }

        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            throw new FormatException(
                "The credential is neither a personal access token (one word) nor a JWT-profile key file (JSON).");
        }

        return new ZitadelCredential(false, text);
    }

    public override string ToString() => IsKeyFile ? "JWT-profile key file" : "personal access token";
}
