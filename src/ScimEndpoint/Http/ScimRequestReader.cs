using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using ScimEndpoint.Protocol;

namespace ScimEndpoint.Http;

/// <summary>Reads a SCIM request body: checks the media type, enforces the size limit and parses one JSON object.</summary>
internal static class ScimRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Returns the body as a JSON object. Throws 415 for a media type other than SCIM or plain JSON, 413 above
    /// <see cref="ScimConstants.MaxBodyBytes"/> and 400 <c>invalidSyntax</c> for anything but one JSON object.
    /// </summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        EnsureJsonContentType(request.ContentType);
        if (request.ContentLength > ScimConstants.MaxBodyBytes)
        {
            throw ScimErrors.PayloadTooLarge(ScimConstants.MaxBodyBytes);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            if (read.Buffer.Length > ScimConstants.MaxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                throw ScimErrors.PayloadTooLarge(ScimConstants.MaxBodyBytes);
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return Parse(read.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Accepts <c>application/scim+json</c>, <c>application/json</c> (any parameters) and no Content-Type.</summary>
    public static void EnsureJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            !(mediaType.MediaType.Equals(ScimConstants.MediaType, StringComparison.OrdinalIgnoreCase) ||
              mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            throw HttpErrors.UnsupportedMediaType();
        }
    }

    internal static JsonObject Parse(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            throw HttpErrors.EmptyBody();
        }

        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> span;
            if (body.IsSingleSegment)
            {
                span = body.FirstSpan;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
                body.CopyTo(rented);
                span = rented.AsSpan(0, (int)body.Length);
            }

            // Note: the JsonException message can quote the input, so only its position reaches the client.
            var node = JsonNode.Parse(span, documentOptions: DocumentOptions);
            return node as JsonObject ?? throw HttpErrors.NotAnObject();
        }
        catch (JsonException e)
        {
            throw HttpErrors.MalformedJson(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
