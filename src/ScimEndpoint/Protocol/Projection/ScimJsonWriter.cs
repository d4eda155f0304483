using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;

namespace ScimEndpoint.Protocol.Projection;

/// <summary>
/// Writes resources, list responses and errors as SCIM JSON straight from the stored form, in schema order
/// (<c>schemas</c>, <c>id</c>, <c>externalId</c>, core attributes, extensions, <c>meta</c>), without copying nodes.
/// </summary>
internal static class ScimJsonWriter
{
    /// <summary>Writes one resource; <paramref name="location"/> becomes <c>meta.location</c>.</summary>
    public static void WriteResource(
        Utf8JsonWriter writer, JsonObject resource, ResourceProjection projection, string location)
    {
        var type = projection.Type;
        writer.WriteStartObject();
        if (resource["schemas"] is { } schemas)
        {
            writer.WritePropertyName("schemas");
            schemas.WriteTo(writer);
        }

        WriteAttribute(writer, resource, null, CommonAttributes.Id, projection);
        WriteAttribute(writer, resource, null, CommonAttributes.ExternalId, projection);
        foreach (var attribute in type.Schema.Attributes)
        {
            WriteAttribute(writer, resource, null, attribute, projection);
        }

        foreach (var extension in type.Extensions)
        {
            WriteExtension(writer, resource, extension.Schema, projection);
        }

        if (projection.Includes(null, CommonAttributes.Meta) && resource["meta"] is JsonObject meta)
        {
            writer.WriteStartObject("meta");
            foreach (var (name, value) in meta)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteString("location", location);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes an RFC 7644 §3.4.2 ListResponse; <paramref name="locationOf"/> maps an id to its URL.</summary>
    public static void WriteListResponse(
        Utf8JsonWriter writer,
        StoreQueryResult result,
        int startIndex,
        ResourceProjection projection,
        Func<string, string> locationOf) =>
        WriteListResponse(writer, result.TotalResults, startIndex, result.Resources.Select(r => (r, projection)), locationOf);

    /// <summary>Writes a ListResponse whose resources may be of several types (the root <c>/.search</c>).</summary>
    public static void WriteListResponse(
        Utf8JsonWriter writer,
        int totalResults,
        int startIndex,
        IEnumerable<(JsonObject Resource, ResourceProjection Projection)> resources,
        Func<string, string> locationOf)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("schemas");
        writer.WriteStringValue(ScimConstants.ListResponse);
        writer.WriteEndArray();
        writer.WriteNumber("totalResults", totalResults);
        var items = resources as IReadOnlyCollection<(JsonObject, ResourceProjection)> ?? resources.ToList();
        writer.WriteNumber("itemsPerPage", items.Count);
        writer.WriteNumber("startIndex", startIndex);
        writer.WriteStartArray("Resources");
        foreach (var (resource, projection) in items)
        {
            var id = (string?)resource["id"] ?? "";
            WriteResource(writer, resource, projection, locationOf(id));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes an RFC 7644 §3.12 error: <c>status</c> as a string, <c>scimType</c> when set, <c>detail</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, ScimException error)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("schemas");
        writer.WriteStringValue(ScimConstants.Error);
        writer.WriteEndArray();
        writer.WriteString("status", error.Status.ToString(CultureInfo.InvariantCulture));
        if (error.ScimType is not null)
        {
            writer.WriteString("scimType", error.ScimType);
        }

        writer.WriteString("detail", error.Detail);
        writer.WriteEndObject();
    }

    private static void WriteExtension(
        Utf8JsonWriter writer, JsonObject resource, ScimSchema extension, ResourceProjection projection)
    {
        if (resource[extension.Id] is not JsonObject values)
        {
            return;
        }

        var started = false;
        // An open (custom) extension lists no attributes: write each stored one under its stored name.
        var attributes = extension.Open ? values.Select(p => CustomExtensions.Attribute(p.Key)).ToList() : extension.Attributes;
        foreach (var attribute in attributes)
        {
            if (values[attribute.Name] is null || !projection.Includes(extension.Id, attribute))
            {
                continue;
            }

            if (!started)
            {
                writer.WriteStartObject(extension.Id);
                started = true;
            }

            WriteAttribute(writer, values, extension.Id, attribute, projection);
        }

        if (started)
        {
            writer.WriteEndObject();
        }
    }

    private static void WriteAttribute(
        Utf8JsonWriter writer,
        JsonObject container,
        string? extensionUrn,
        SchemaAttribute attribute,
        ResourceProjection projection)
    {
        var value = container[attribute.Name];
        if (value is null || !projection.Includes(extensionUrn, attribute))
        {
            return;
        }

        writer.WritePropertyName(attribute.Name);
        if (!attribute.IsComplex)
        {
            WriteValue(writer, value);
        }
        else if (value is JsonArray elements)
        {
            writer.WriteStartArray();
            foreach (var element in elements)
            {
                WriteComplex(writer, element, extensionUrn, attribute, projection);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteComplex(writer, value, extensionUrn, attribute, projection);
        }
    }

    private static void WriteComplex(
        Utf8JsonWriter writer,
        JsonNode? value,
        string? extensionUrn,
        SchemaAttribute attribute,
        ResourceProjection projection)
    {
        writer.WriteStartObject();
        if (value is JsonObject complex)
        {
            foreach (var (name, subValue) in complex)
            {
                var sub = attribute.FindSubAttribute(name);
                if (subValue is not null && sub is not null && projection.Includes(extensionUrn, attribute, sub))
                {
                    writer.WritePropertyName(sub.Name);
                    WriteValue(writer, subValue);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
