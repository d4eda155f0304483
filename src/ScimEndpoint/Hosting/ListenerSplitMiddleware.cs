using ScimEndpoint.Http;

namespace ScimEndpoint.Hosting;

/// <summary>
/// Keeps the two listeners apart: on the management port only management endpoints run, and nothing else of the
/// pipeline; on the SCIM port a management endpoint does not exist (404).
/// </summary>
internal sealed class ListenerSplitMiddleware(RequestDelegate next, ListenerPorts ports)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var isManagementEndpoint = endpoint?.Metadata.GetMetadata<ManagementEndpoint>() is not null;
        if (ports.IsManagement(context))
        {
            if (isManagementEndpoint && endpoint!.RequestDelegate is { } handler)
            {
                return handler(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (isManagementEndpoint ||
            (endpoint is not null && endpoint.Metadata.GetMetadata<ScimRoute>() is null &&
             !context.Request.Path.StartsWithSegments(ScimBaseUrl.Path, StringComparison.OrdinalIgnoreCase)))
        {
            // Also the 405 endpoint routing makes for POST /metrics: outside /scim/v2 nothing exists here.
            context.SetEndpoint(null);
        }

        return next(context);
    }
}
