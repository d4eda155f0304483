using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Storage;

namespace ScimEndpoint.Protocol.Projection;

/// <summary>Writes resources, list responses and errors as SCIM JSON straight from the stored form.</summary>
internal static class ScimJsonWriter
{
    /// <summary>Writes one resource; <paramref name="location"/> becomes <c>meta.location</c>.</summary>
    public static void WriteResource(
        Utf8JsonWriter writer, JsonObject resource, ResourceProjection projection, string location) =>
        throw new NotImplementedException(writer.ToString() + resource + projection + location);

    /// <summary>Writes an RFC 7644 §3.4.2 ListResponse; <paramref name="locationOf"/> maps an id to its URL.</summary>
    public static void WriteListResponse(
        Utf8JsonWriter writer,
        StoreQueryResult result,
        int startIndex,
        ResourceProjection projection,
        Func<string, string> locationOf) =>
        throw new NotImplementedException(writer.ToString() + result + startIndex + projection + locationOf);

    /// <summary>Writes an RFC 7644 §3.12 error: <c>status</c> as a string, <c>scimType</c> when set, <c>detail</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, ScimException error)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("schemas");
        writer.WriteStringValue(ScimConstants.Error);
        writer.WriteEndArray();
        writer.WriteString("status", error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (error.ScimType is not null)
        {
            writer.WriteString("scimType", error.ScimType);
        }

        writer.WriteString("detail", error.Detail);
        writer.WriteEndObject();
    }
}
