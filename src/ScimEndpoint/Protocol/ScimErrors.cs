namespace ScimEndpoint.Protocol;

/// <summary>
/// Factories for every SCIM error the service raises, so each has one wording and one <c>scimType</c>.
/// </summary>
internal static class ScimErrors
{
    public static ScimException InvalidFilter(int position, string problem) =>
        new(400, "invalidFilter", $"Invalid filter at position {position}: {problem}.");

    public static ScimException InvalidFilter(string problem) => new(400, "invalidFilter", problem);

    public static ScimException TooMany(string problem) => new(400, "tooMany", problem);

    public static ScimException InvalidPath(string path, string problem) =>
        new(400, "invalidPath", $"Invalid path '{Shorten(path)}': {problem}.");

    public static ScimException NoTarget(string path) =>
        new(400, "noTarget", $"The path '{Shorten(path)}' matched no value to operate on.");

    public static ScimException InvalidValue(string problem) => new(400, "invalidValue", problem);

    public static ScimException InvalidSyntax(string problem) => new(400, "invalidSyntax", problem);

    public static ScimException Mutability(string attribute, string problem) =>
        new(400, "mutability", $"Attribute '{attribute}' {problem}.");

    public static ScimException Uniqueness(string attribute) =>
        new(409, "uniqueness", $"Another resource already has this value of '{attribute}'.");

    public static ScimException NotFound(string resourceType, string id) =>
        new(404, null, $"{resourceType} '{Shorten(id)}' not found.");

    public static ScimException PreconditionFailed() =>
        new(412, null, "The resource has changed: its version does not match If-Match.");

    public static ScimException PayloadTooLarge(long limit) =>
        new(413, null, $"The request body exceeds the limit of {limit} bytes.");

    public static ScimException Unauthorized(string detail) => new(401, null, detail);

    /// <summary>Client input is echoed back only in part, so an error never reflects a whole payload.</summary>
    internal static string Shorten(string text) => text.Length <= 128 ? text : string.Concat(text.AsSpan(0, 125), "...");
}
