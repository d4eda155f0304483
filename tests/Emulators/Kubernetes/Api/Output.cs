using System.Text.Json.Nodes;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Api;

/// <summary>Writing JSON answers, and presenting stored objects in the version a request addressed.</summary>
internal static class Output
{
    public static JsonObject Present(ResourceType type, JsonObject stored)
    {
        var copy = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var (key, value) in stored)
        {
            if (key is not ("apiVersion" or "kind"))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    public static async Task WriteAsync(HttpContext http, int status, JsonNode? body,
        string contentType = "application/json", IEnumerable<string>? warnings = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        foreach (var warning in warnings ?? [])
        {
            http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await http.Response.WriteAsync(Json.Json.Serialize(body), http.RequestAborted);
    }
}
