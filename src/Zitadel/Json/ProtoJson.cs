using System.Text.Json.Serialization;

namespace Zitadel.Json;

/// <summary>protojson conventions shared by the DTOs (contract "Transport").</summary>
internal static class ProtoJson
{
    /// <summary>64-bit integers (<c>sequence</c>, <c>totalResult</c>, <c>offset</c>) are JSON strings on the wire.</summary>
    public const JsonNumberHandling Int64 = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString;
}
