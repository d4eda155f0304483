using System.Collections.Frozen;

namespace ScimEndpoint.Status;

/// <summary>
/// The fixed descriptions a reported failure carries. The error the client received may echo its input (a path, a
/// value, ZITADEL's own message), so none of it is reported: only the <c>scimType</c> the endpoint chose and a
/// sentence chosen by the status.
/// </summary>
internal static class FailureDetails
{
    private static readonly FrozenDictionary<string, string> ScimTypes = new Dictionary<string, string>
    {
        ["invalidFilter"] = "the filter is not valid or not supported",
        ["tooMany"] = "the query would return too many results",
        ["uniqueness"] = "a value that must be unique is already in use",
        ["mutability"] = "the request changes an attribute that cannot be changed",
        ["invalidSyntax"] = "the request body is not a valid SCIM request",
        ["invalidPath"] = "an attribute path is not valid",
        ["noTarget"] = "a path matched no value to operate on",
        ["invalidValue"] = "a value is missing or not valid for its attribute",
        ["invalidVers"] = "the SCIM version is not supported",
        ["sensitive"] = "the request carries sensitive data where it is not allowed",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string For(int status, string? scimType) =>
        scimType is not null && ScimTypes.TryGetValue(scimType, out var text)
            ? $"{scimType}: {text}"
            : ForStatus(status);

    private static string ForStatus(int status) => status switch
    {
        400 => "the request is not valid",
        401 => "the bearer token is missing, unknown or expired",
        403 => "the request is not allowed",
        404 => "the resource does not exist",
        405 => "the method is not allowed on this endpoint",
        409 => "the request conflicts with the resource's current state",
        412 => "the resource version does not match If-Match",
        413 => "the request body is too large",
        415 => "the request's Content-Type is not SCIM JSON",
        429 => "too many requests",
        500 => "the endpoint failed unexpectedly (see its logs)",
        502 => "ZITADEL refused or failed the call (see the endpoint's logs)",
        503 => "ZITADEL or the endpoint is unavailable; the client retries",
        504 => "ZITADEL did not answer in time",
        >= 500 => "the endpoint failed (see its logs)",
        _ => "the request failed",
    };
}
