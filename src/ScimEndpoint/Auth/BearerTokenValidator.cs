using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ScimEndpoint.Auth;

/// <summary>Checks an <c>Authorization</c> header value against a key set, in time independent of which key matches.</summary>
internal static class BearerTokenValidator
{
    /// <summary>Longer tokens are refused as malformed before hashing.</summary>
    internal const int MaxTokenLength = 4096;

    public static AuthResult Validate(string? authorization, KeySet keySet, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return AuthResult.Fail(AuthFailureReason.Missing);
        }

        var value = authorization.AsSpan().Trim();
        if (value.Length <= 7 || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthResult.Fail(AuthFailureReason.Malformed);
        }

        var token = value[7..].TrimStart(' ');
        if (token.Length is 0 or > MaxTokenLength || !IsToken68(token))
        {
            return AuthResult.Fail(AuthFailureReason.Malformed);
        }

        if (keySet.Keys.Count == 0)
        {
            return AuthResult.Fail(AuthFailureReason.NoKeys);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(token, hash);
        var match = FindKey(hash, keySet);
        if (match is null)
        {
            return AuthResult.Fail(AuthFailureReason.Unknown);
        }

        return match.ExpiresAt is { } expiresAt && expiresAt <= now
            ? AuthResult.Fail(AuthFailureReason.Expired)
            : AuthResult.Success(match.Id);
    }

    /// <summary>
    /// Compares the hash with every key using <see cref="CryptographicOperations.FixedTimeEquals"/>, without leaving
    /// the loop early, so the time taken does not reveal which key (if any) matched.
    /// </summary>
    internal static KeySetEntry? FindKey(ReadOnlySpan<byte> hash, KeySet keySet)
    {
        KeySetEntry? match = null;
        var keys = keySet.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(hash, keys[i].Hash);
            match = equal ? keys[i] : match;
        }

        return match;
    }

    private static void Hash(ReadOnlySpan<char> token, Span<byte> hash)
    {
        // Token characters are ASCII (checked by IsToken68), so one byte per character.
        byte[]? rented = null;
        var bytes = token.Length <= 512 ? stackalloc byte[token.Length] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            var length = Encoding.ASCII.GetBytes(token, bytes);
            SHA256.HashData(bytes[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>RFC 6750 §2.1 <c>b64token</c>: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/", then "=" padding.</summary>
    private static bool IsToken68(ReadOnlySpan<char> token)
    {
        var padding = false;
        foreach (var c in token)
        {
            if (c == '=')
            {
                padding = true;
            }
            else if (padding || !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
