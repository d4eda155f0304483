using System.Diagnostics;
using Microsoft.Extensions.Options;
using ScimEndpoint.Auth;
using ScimEndpoint.Hosting;
using ScimEndpoint.Http;
using ScimEndpoint.Logging;
using ScimEndpoint.Status;

namespace ScimEndpoint.Observability;

/// <summary>
/// Runs every SCIM request in a log scope (<c>RequestId</c>, <c>Tenant</c>), then records
/// <c>scim_requests_total</c>, <c>scim_request_duration_seconds</c>, one Debug line and the request's
/// <see cref="ProvisioningActivity"/>. Labels come from the
/// endpoint's <see cref="ScimRoute"/>, read before the exception handler clears the endpoint.
/// </summary>
internal sealed class RequestObservabilityMiddleware(
    RequestDelegate next, ScimMetrics metrics, ProvisioningActivity activity, IOptions<ScimOptions> options,
    ILogger<RequestObservabilityMiddleware> logger)
{
    private const int MaxRequestIdLength = 64;

    private readonly string _tenant = options.Value.Tenant;

    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<ScimRoute>() ?? ScimRoute.Unmatched;
        var resourceId = context.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
        var start = Stopwatch.GetTimestamp();
        using (logger.BeginScope(new RequestLogScope(RequestId(context), _tenant)))
        {
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(start);
                var status = context.Response.StatusCode;
                metrics.RequestCompleted(route, status, elapsed.TotalSeconds);
                if (!context.RequestAborted.IsCancellationRequested)
                {
                    activity.RequestCompleted(
                        route, status, ScimResponses.ScimTypeOf(context), ScimAuthentication.GetKeyId(context));
                }

                Log.RequestCompleted(
                    logger, context.Request.Method, route.Resource, route.Operation, status, elapsed.TotalMilliseconds,
                    resourceId);
            }
        }
    }

    /// <summary>A sane incoming <c>X-Request-Id</c> (short, token characters only) or the server's own.</summary>
    private static string RequestId(HttpContext context)
    {
        var incoming = context.Request.Headers["X-Request-Id"];
        if (incoming.Count == 1 && incoming[0] is { Length: > 0 and <= MaxRequestIdLength } value && IsSane(value))
        {
            context.TraceIdentifier = value;
            return value;
        }

        return context.TraceIdentifier;
    }

    private static bool IsSane(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
