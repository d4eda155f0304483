using ScimEndpoint.Protocol;

namespace ScimEndpoint.Http;

/// <summary>The errors the HTTP layer raises itself; protocol errors come from <see cref="ScimErrors"/>.</summary>
internal static class HttpErrors
{
    public static ScimException UnknownEndpoint() => new(404, null, "No SCIM endpoint at this path.");

    public static ScimException MethodNotAllowed(string method) =>
        new(405, null, $"The method {ScimErrors.Shorten(method)} is not allowed on this endpoint.");

    public static ScimException UnsupportedMediaType() =>
        new(415, null, "Content-Type must be application/scim+json or application/json.");

    public static ScimException NotAnObject() => ScimErrors.InvalidSyntax("The request body must be a JSON object.");

    public static ScimException EmptyBody() => ScimErrors.InvalidSyntax("The request body is empty.");

    public static ScimException MalformedJson(long line, long bytePosition) =>
        ScimErrors.InvalidSyntax($"The request body is not valid JSON (line {line + 1}, byte {bytePosition + 1}).");

    public static ScimException Internal() => new(500, null, "The server failed to handle the request.");

    /// <summary>Kestrel's own 4xx (body too large, bad framing, timeouts) as a SCIM error.</summary>
    public static ScimException FromBadRequest(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => ScimErrors.PayloadTooLarge(ScimConstants.MaxBodyBytes),
        StatusCodes.Status400BadRequest => ScimErrors.InvalidSyntax("The request could not be read."),
        var status => new ScimException(status, null, "The request could not be read."),
    };
}
