using System.Globalization;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Errors;

namespace Emulators.Zitadel.Hosting;

/// <summary>Writes JSON answers and errors in either shape.</summary>
internal static class Responses
{
    public static Task WriteJsonAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, ZitadelException error, ErrorShape shape) =>
        WriteJsonAsync(http, error.Code.HttpStatus,
            shape == ErrorShape.Connect ? ErrorBodies.Connect(error) : ErrorBodies.Rest(error));

    public static void SetRetryAfter(HttpContext http, TimeSpan retryAfter) =>
        http.Response.Headers.RetryAfter =
            Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
