using System.Text.Json.Nodes;

namespace ScimEndpoint.Protocol.Resources;

/// <summary>Reads the server-owned parts of a normalized resource.</summary>
internal static class ResourceMeta
{
    public static string? Id(JsonObject resource) => (string?)resource["id"];

    /// <summary>The weak ETag in <c>meta.version</c>, e.g. <c>W/"3"</c>.</summary>
    public static string? Version(JsonObject resource) => (string?)resource["meta"]?["version"];

    /// <summary>Formats a version counter as a weak ETag.</summary>
    public static string FormatVersion(long version) => $"W/\"{version}\"";
}
