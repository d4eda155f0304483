using Microsoft.AspNetCore.Diagnostics;
using ScimEndpoint.Logging;
using ScimEndpoint.Protocol;

namespace ScimEndpoint.Http;

/// <summary>
/// The one place that turns exceptions into SCIM error responses: <see cref="ScimException"/> as raised, Kestrel's
/// 4xx as their status, an aborted request as nothing, anything else as a generic 500 logged once.
/// </summary>
internal sealed class ScimExceptionHandler(ILogger<ScimExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ScimException error;
        switch (exception)
        {
            case ScimException scim:
                error = scim;
                break;
            case BadHttpRequestException bad:
                error = HttpErrors.FromBadRequest(bad);
                break;
            case OperationCanceledException or IOException when httpContext.RequestAborted.IsCancellationRequested:
                Log.RequestAborted(logger);
                return true;
            default:
                Log.UnexpectedError(logger, exception, httpContext.Request.Method);
                error = HttpErrors.Internal();
                break;
        }

        await ScimResponses.WriteErrorAsync(httpContext.Response, error);
        return true;
    }
}
