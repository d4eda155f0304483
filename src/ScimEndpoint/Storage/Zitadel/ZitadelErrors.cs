using System.Globalization;
using ScimEndpoint.Protocol;
using Zitadel;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// Turns ZITADEL's answers into SCIM errors. What the client sent wrongly is a 4xx; what is wrong with ZITADEL or
/// with the endpoint's own ZITADEL identity is a 502 or 503, never blamed on the client.
/// </summary>
internal static class ZitadelErrors
{
    public static ScimException ToScim(ZitadelException error, string attribute) => error.Code switch
    {
        ZitadelErrorCode.AlreadyExists => ScimErrors.Uniqueness(attribute),
        // Gone between our read and our write (deleted concurrently): to the client, it no longer exists.
        ZitadelErrorCode.NotFound => new ScimException(404, null, "The resource no longer exists in ZITADEL."),
        ZitadelErrorCode.InvalidArgument or ZitadelErrorCode.FailedPrecondition =>
            ScimErrors.InvalidValue($"ZITADEL refused the change: {error.ZitadelMessage}"),
        ZitadelErrorCode.Unavailable or ZitadelErrorCode.ResourceExhausted or ZitadelErrorCode.DeadlineExceeded =>
            new ScimException(503, null, $"ZITADEL is unavailable ({error.Method}); retry later.")
            {
                RetryAfter = error.RetryAfter ?? TimeSpan.FromSeconds(5),
            },
        ZitadelErrorCode.PermissionDenied => new ScimException(
            502, null, $"The endpoint's ZITADEL identity lacks the permission for {error.Method}; see the tenant's status."),
        ZitadelErrorCode.Unauthenticated => new ScimException(
            502, null, "The endpoint's ZITADEL credential was refused; see the tenant's status."),
        _ => new ScimException(502, null, string.Create(
            CultureInfo.InvariantCulture, $"ZITADEL failed ({error.Method}, {error.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no response"})."))
        {
            RetryAfter = TimeSpan.FromSeconds(30),
        },
    };
}
