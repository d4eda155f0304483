using System.Security.Cryptography;
using System.Text;

namespace Operator.Keys;

/// <summary>
/// Bearer tokens: <c>scimop_</c>, 43 base62 characters carrying 256 bits from the OS CSPRNG, and a 6-character
/// base62 checksum (the first 32 bits of the body's SHA-256), so secret scanners can match the prefix and reject random look-alikes by checksum.
/// </summary>
internal static class ScimToken
{
    public const string Prefix = "scimop_";
    private const int BodyLength = 43;
    private const int ChecksumLength = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Total length of a token.</summary>
    public const int Length = 7 + BodyLength + ChecksumLength;

    /// <summary>A new token. 43 base62 characters carry 256.0 bits (62^43 &gt; 2^256), drawn without modulo bias.</summary>
    public static string Create()
    {
        var body = RandomNumberGenerator.GetString(Alphabet, BodyLength);
        return Prefix + body + Checksum(body);
    }

    /// <summary>A new token id: 16 lowercase hex characters (64 random bits), safe to show.</summary>
    public static string CreateId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>True when <paramref name="token"/> has the prefix, length, alphabet and checksum of a token.</summary>
    public static bool IsWellFormed(string token)
    {
        if (token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = token.Substring(Prefix.Length, BodyLength);
        foreach (var c in body)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return string.Equals(Checksum(body), token[^ChecksumLength..], StringComparison.Ordinal);
    }

    /// <summary>The lowercase hex SHA-256 of the token's UTF-8 bytes: what the key set holds.</summary>
    public static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary><c>sha256:</c> and the first 12 hex digits of the hash: enough to tell keys apart, safe to show.</summary>
    public static string Fingerprint(string sha256Hex) => "sha256:" + sha256Hex[..12];

    private static string Checksum(string body)
    {
        var crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.ASCII.GetBytes(body)));
        Span<char> chars = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(chars);
    }
}
