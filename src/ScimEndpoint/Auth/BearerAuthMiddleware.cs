using Microsoft.Net.Http.Headers;
using ScimEndpoint.Http;
using ScimEndpoint.Logging;
using ScimEndpoint.Observability;
using ScimEndpoint.Protocol;

namespace ScimEndpoint.Auth;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;token&gt;</c> on every request under <c>/scim/v2</c>, discovery included,
/// checked against the loaded key set. There is deliberately no bypass of any kind.
/// </summary>
internal sealed class BearerAuthMiddleware(
    RequestDelegate next, KeySetProvider keys, TimeProvider time, ScimMetrics metrics,
    ILogger<BearerAuthMiddleware> logger)
{
    private const string Challenge = "Bearer realm=\"scim\"";
    private const string InvalidTokenChallenge = "Bearer realm=\"scim\", error=\"invalid_token\"";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ScimBaseUrl.Path, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var result = BearerTokenValidator.Validate(
            context.Request.Headers.Authorization.ToString(), keys.Current, time.GetUtcNow());
        if (result.Succeeded)
        {
            ScimAuthentication.SetKeyId(context, result.KeyId!);
            return next(context);
        }

        metrics.AuthFailed(result.Failure);
        Log.AuthenticationFailed(logger, result.Failure);
        context.Response.Headers[HeaderNames.WWWAuthenticate] =
            result.Failure == AuthFailureReason.Missing ? Challenge : InvalidTokenChallenge;
        return ScimResponses.WriteErrorAsync(context.Response, ScimErrors.Unauthorized(Detail(result.Failure)));
    }

    private static string Detail(AuthFailureReason reason) => reason switch
    {
        AuthFailureReason.Missing => "Authentication required: send Authorization: Bearer <token>.",
        AuthFailureReason.Malformed => "The Authorization header is not a valid bearer token.",
        AuthFailureReason.Expired => "The bearer token has expired.",
        _ => "The bearer token is not valid.",
    };
}
