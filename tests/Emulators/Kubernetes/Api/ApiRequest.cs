using System.Text.Json;
using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Api;

/// <summary>A request addressed to one resource type, with the query and media-type helpers handlers need.</summary>
internal sealed class ApiRequest(HttpContext http, ResourceType type, string? ns, string? name, string subresource)
{
    public HttpContext Http { get; } = http;

    public ResourceType Type { get; } = type;

    public string? Namespace { get; } = ns;

    public string? Name { get; } = name;

    public string Subresource { get; } = subresource;

    public string Accept => Http.Request.Headers.Accept.ToString();

    public bool WantsTable => Accept.Contains("as=Table", StringComparison.Ordinal);

    /// <summary>The media type without parameters (<c>; charset=utf-8</c>).</summary>
    public string ContentType => MediaType(Http.Request.ContentType);

    public bool DryRun => Query("dryRun") == "All";

    public string? Query(string key) =>
        Http.Request.Query.TryGetValue(key, out var values) ? values.ToString() : null;

    public bool Flag(string key) => Query(key) is "true" or "1";

    public string FieldManager
    {
        get
        {
            var manager = Query("fieldManager");
            if (!string.IsNullOrEmpty(manager))
            {
                return manager;
            }

            var agent = Http.Request.Headers.UserAgent.ToString();
            var slash = agent.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
        }
    }

    public WriteOptions WriteOptions => new(FieldManager, Query("fieldValidation") ?? "Warn", DryRun);

    public async Task<JsonNode?> ReadBodyAsync()
    {
        if (ContentType.Contains("protobuf", StringComparison.Ordinal))
        {
            throw ApiErrors.UnsupportedMediaType("application/json", "application/yaml");
        }

        try
        {
            return await JsonNode.ParseAsync(Http.Request.Body, cancellationToken: Http.RequestAborted);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"the object provided is unrecognized: {e.Message}");
        }
    }

    public async Task<JsonObject> ReadObjectAsync() =>
        await ReadBodyAsync() as JsonObject ?? throw ApiErrors.BadRequest("the body of the request must be an object");

    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
