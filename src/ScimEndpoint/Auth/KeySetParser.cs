using System.Globalization;
using System.Text.Json;

namespace ScimEndpoint.Auth;

/// <summary>
/// Reads the key-set file the operator writes. Format (UTF-8 JSON):
/// <code>
/// {"keys":[{"id":"key-1","sha256":"&lt;64 hex chars&gt;","expiresAt":"2027-01-01T00:00:00Z"}]}
/// </code>
/// <c>id</c>: 1-128 characters from <c>A-Z a-z 0-9 . _ -</c>, unique in the file. <c>sha256</c>: the lowercase hex
/// SHA-256 of the token's UTF-8 bytes (upper case is accepted). <c>expiresAt</c>: optional ISO 8601 instant with an
/// offset; the key is refused from that instant on. Unknown properties are ignored; an empty <c>keys</c> array is
/// valid and accepts no token.
/// </summary>
internal static class KeySetParser
{
    private const int MaxIdLength = 128;

    /// <summary>Parses the file content; throws <see cref="KeySetFormatException"/> naming the first problem.</summary>
    public static KeySet Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new KeySetFormatException(
                $"The key set is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new KeySetFormatException("The key set must be an object with a \"keys\" array.");
            }

            var entries = new List<KeySetEntry>(keys.GetArrayLength());
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var key in keys.EnumerateArray())
            {
                var entry = ParseKey(key, index);
                if (!ids.Add(entry.Id))
                {
                    throw new KeySetFormatException($"keys[{index}].id '{entry.Id}' appears twice.");
                }

                entries.Add(entry);
                index++;
            }

            return new KeySet(entries);
        }
    }

    private static KeySetEntry ParseKey(JsonElement key, int index)
    {
        if (key.ValueKind != JsonValueKind.Object)
        {
            throw new KeySetFormatException($"keys[{index}] must be an object.");
        }

        var id = key.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()!
            : throw new KeySetFormatException($"keys[{index}].id must be a string.");
        if (!IsValidId(id))
        {
            throw new KeySetFormatException(
                $"keys[{index}].id must be 1-{MaxIdLength} characters from A-Z a-z 0-9 . _ -.");
        }

        if (!key.TryGetProperty("sha256", out var hashElement) || hashElement.ValueKind != JsonValueKind.String ||
            hashElement.GetString() is not { Length: 64 } hex || !IsHex(hex))
        {
            throw new KeySetFormatException($"keys[{index}].sha256 must be 64 hexadecimal characters.");
        }

        DateTimeOffset? expiresAt = null;
        if (key.TryGetProperty("expiresAt", out var expires) && expires.ValueKind != JsonValueKind.Null)
        {
            if (expires.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(
                    expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw new KeySetFormatException($"keys[{index}].expiresAt must be an ISO 8601 date and time.");
            }

            expiresAt = parsed;
        }

        return new KeySetEntry(id, Convert.FromHexString(hex), expiresAt);
    }

    private static bool IsValidId(string id)
    {
        if (id.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
