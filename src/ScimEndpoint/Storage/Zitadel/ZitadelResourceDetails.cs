using System.Globalization;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Resources;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// ZITADEL's object details as SCIM <c>meta</c> (zitadel-api.md §5.7): creation and change dates, and the event
/// sequence as the weak ETag.
/// </summary>
internal sealed record ZitadelResourceDetails(DateTimeOffset Created, DateTimeOffset LastModified, long Sequence)
{
    public JsonObject ToMeta(string resourceType) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = Format(Created),
        ["lastModified"] = Format(LastModified),
        ["version"] = ResourceMeta.FormatVersion(Sequence),
    };

    private static string Format(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
