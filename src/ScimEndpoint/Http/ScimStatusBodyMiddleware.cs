using ScimEndpoint.Protocol;

namespace ScimEndpoint.Http;

/// <summary>
/// Gives the bodiless 404 (no endpoint) and 405 (endpoint routing's method mismatch) a SCIM error body.
/// </summary>
internal sealed class ScimStatusBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.ContentLength is not null || response.ContentType is not null)
        {
            return;
        }

        ScimException? error = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => HttpErrors.UnknownEndpoint(),
            StatusCodes.Status405MethodNotAllowed => HttpErrors.MethodNotAllowed(context.Request.Method),
            _ => null,
        };
        if (error is not null)
        {
            await ScimResponses.WriteErrorAsync(response, error);
        }
    }
}
