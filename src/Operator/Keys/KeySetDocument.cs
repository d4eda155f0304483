using System.Globalization;
using System.Text.Json;

namespace Operator.Keys;

/// <summary>One accepted token in a tenant's key set: its id, SHA-256 (hex) and optional expiry.</summary>
internal sealed record KeySetEntry(string Id, string Sha256, DateTimeOffset? ExpiresAt);

/// <summary>
/// The key-set file the endpoint reads (<c>{"keys":[{"id","sha256","expiresAt"}]}</c>, the contract in
/// <c>src/ScimEndpoint/Auth/KeySetParser.cs</c>). Entries are sorted by id and instants are written in one format,
/// so the same set always yields the same bytes and an unchanged set never causes a write.
/// </summary>
internal static class KeySetDocument
{
    public const string DataKey = "keys.json";

    public static byte[] Serialize(IEnumerable<KeySetEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var entry in entries.OrderBy(e => e.Id, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id", entry.Id);
                writer.WriteString("sha256", entry.Sha256);
                if (entry.ExpiresAt is { } expiresAt)
                {
                    writer.WriteString("expiresAt", Instant.Format(expiresAt));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads the ids back (for status and tests); null when the content is not a key set.</summary>
    public static IReadOnlyList<string>? ReadIds(byte[]? content)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.GetProperty("keys").EnumerateArray()
                .Select(k => k.GetProperty("id").GetString() ?? "").ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>The one instant format the operator writes into annotations and key sets (RFC 3339, UTC, seconds).</summary>
internal static class Instant
{
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>Truncates to whole seconds, the precision Kubernetes keeps for status times.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
