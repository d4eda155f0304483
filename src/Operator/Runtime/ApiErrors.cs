using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Operator.Runtime;

/// <summary>
/// Classifies API errors. The client throws <see cref="HttpOperationException"/> for every non-2xx answer; these
/// helpers read its status code and the Status body, so callers write <c>catch (HttpOperationException e) when
/// (e.IsConflict())</c>.
/// </summary>
internal static class ApiErrors
{
    public static bool IsNotFound(this Exception exception) => StatusOf(exception) == HttpStatusCode.NotFound;

    /// <summary>409 Conflict from optimistic concurrency (a stale resourceVersion), not AlreadyExists.</summary>
    public static bool IsConflict(this Exception exception) =>
        StatusOf(exception) == HttpStatusCode.Conflict && Reason(exception) != "AlreadyExists";

    public static bool IsAlreadyExists(this Exception exception) =>
        StatusOf(exception) == HttpStatusCode.Conflict && Reason(exception) == "AlreadyExists";

    /// <summary>410 Gone / Expired: a watch or continue token is too old; relist.</summary>
    public static bool IsGone(this Exception exception) => StatusOf(exception) == HttpStatusCode.Gone;

    /// <summary>The HTTP status of an API error, or <c>null</c> when <paramref name="exception"/> is not one.</summary>
    public static HttpStatusCode? StatusOf(Exception exception) => exception switch
    {
        HttpOperationException { Response: { } response } => response.StatusCode,
        KubernetesException { Status.Code: { } code } => (HttpStatusCode)code,
        _ => null,
    };

    /// <summary>The Status <c>reason</c> (e.g. <c>Conflict</c>, <c>AlreadyExists</c>, <c>Expired</c>), when present.</summary>
    public static string? Reason(Exception exception)
    {
        if (exception is KubernetesException { Status: { } status })
        {
            return status.Reason;
        }

        if (exception is not HttpOperationException { Response.Content: { Length: > 0 } content })
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(content).Reason;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
