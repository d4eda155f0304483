using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Projection;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;

namespace ScimEndpoint.Http;

/// <summary>
/// Writes SCIM responses. The body is rendered synchronously into a per-thread buffer, so it gets a Content-Length
/// and one write, and a request allocates no writer or buffer.
/// </summary>
internal static class ScimResponses
{
    private const int MaxRetainedBuffer = 256 * 1024;

    /// <summary>The <see cref="HttpContext.Items"/> key holding the <c>scimType</c> of the error answered, if any.</summary>
    private const string ScimTypeItem = "ScimOperator.ScimType";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Responses are JSON for API clients, never HTML: escaping '+', '<' or non-ASCII letters only bloats them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>Writes one resource with its <c>ETag</c>; with <paramref name="created"/>, 201 and <c>Location</c>.</summary>
    public static Task WriteResourceAsync(
        HttpContext context, ResourceTypeDefinition type, JsonObject resource, ResourceProjection projection,
        bool created = false)
    {
        var location = ScimBaseUrl.Location(context, type, ResourceMeta.Id(resource) ?? "");
        var response = context.Response;
        response.StatusCode = created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        SetETag(response, resource);
        if (created)
        {
            response.Headers.Location = location;
        }

        return WriteAsync(
            response, (resource, projection, location),
            static (writer, state) => ScimJsonWriter.WriteResource(writer, state.resource, state.projection, state.location));
    }

    public static Task WriteListAsync(
        HttpContext context, ResourceTypeDefinition type, StoreQueryResult result, int startIndex,
        ResourceProjection projection)
    {
        var baseUrl = ScimBaseUrl.Get(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        return WriteAsync(
            context.Response, (result, startIndex, projection, prefix: baseUrl + type.Endpoint + "/"),
            static (writer, state) => ScimJsonWriter.WriteListResponse(
                writer, state.result, state.startIndex, state.projection, id => state.prefix + Uri.EscapeDataString(id)));
    }

    /// <summary>204 with the resource's <c>ETag</c>.</summary>
    public static void WriteNoContent(HttpContext context, JsonObject? resource)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        if (resource is not null)
        {
            SetETag(context.Response, resource);
        }
    }

    public static Task WriteErrorAsync(HttpResponse response, ScimException error)
    {
        response.StatusCode = error.Status;
        if (error.ScimType is not null)
        {
            response.HttpContext.Items[ScimTypeItem] = error.ScimType;
        }

        if (error.RetryAfter is { } retryAfter)
        {
            // Whole seconds, at least one (RFC 9110 §10.2.3).
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(response, error, static (writer, e) => ScimJsonWriter.WriteError(writer, e));
    }

    /// <summary>The <c>scimType</c> of the error this request was answered with; null for none or no error.</summary>
    public static string? ScimTypeOf(HttpContext context) =>
        context.Items.TryGetValue(ScimTypeItem, out var type) ? type as string : null;

    /// <summary>Writes a prepared JSON document (discovery) with status 200.</summary>
    public static Task WriteJsonAsync(HttpResponse response, JsonNode document)
    {
        response.StatusCode = StatusCodes.Status200OK;
        return WriteAsync(response, document, static (writer, node) => node.WriteTo(writer));
    }

    public static Task WriteAsync<TState>(HttpResponse response, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = _writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        try
        {
            writer.Reset(buffer);
            write(writer, state);
            writer.Flush();
            response.ContentType = ScimConstants.MediaType;
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset();
            if (buffer.Capacity > MaxRetainedBuffer)
            {
                _buffer = null;
                _writer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }

        return FlushAsync(response);
    }

    private static async Task FlushAsync(HttpResponse response) =>
        await response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted);

    private static void SetETag(HttpResponse response, JsonObject resource)
    {
        if (ResourceMeta.Version(resource) is { } version)
        {
            response.Headers.ETag = version;
        }
    }
}
