using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Discovery;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Http;

/// <summary>GET <c>/ServiceProviderConfig</c>, <c>/ResourceTypes[/{name}]</c> and <c>/Schemas[/{urn}]</c>.</summary>
internal static class DiscoveryEndpoints
{
    /// <summary>
    /// Documents per base URL. The Host header is client input, so only a few base URLs are cached; others are
    /// built per request.
    /// </summary>
    private const int MaxCachedBaseUrls = 16;

    private static readonly ConcurrentDictionary<(string Kind, string BaseUrl), JsonObject> Cache = new();

    public static void Map(IEndpointRouteBuilder scim)
    {
        scim.MapGet("/ServiceProviderConfig", context => WriteAsync(context, "spc", DiscoveryDocuments.ServiceProviderConfig))
            .WithMetadata(ScimRoute.ServiceProviderConfig);
        scim.MapGet("/ResourceTypes", context => WriteAsync(context, "types", DiscoveryDocuments.ResourceTypes))
            .WithMetadata(ScimRoute.ResourceTypes);
        scim.MapGet("/ResourceTypes/{name}", ResourceTypeAsync).WithMetadata(ScimRoute.ResourceTypes);
        scim.MapGet("/Schemas", context => WriteAsync(context, "schemas", DiscoveryDocuments.Schemas))
            .WithMetadata(ScimRoute.Schemas);
        scim.MapGet("/Schemas/{urn}", SchemaAsync).WithMetadata(ScimRoute.Schemas);
    }

    private static Task ResourceTypeAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var type = ScimSchemas.ResourceTypes.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw ScimErrors.NotFound("ResourceType", name);
        return WriteAsync(context, "type:" + type.Name, baseUrl => DiscoveryDocuments.ResourceType(type, baseUrl));
    }

    private static Task SchemaAsync(HttpContext context)
    {
        var urn = (string)context.Request.RouteValues["urn"]!;
        var schema = ScimSchemas.All.FirstOrDefault(s => s.Id.Equals(urn, StringComparison.OrdinalIgnoreCase))
            ?? throw ScimErrors.NotFound("Schema", urn);
        return WriteAsync(context, "schema:" + schema.Id, baseUrl => DiscoveryDocuments.Schema(schema, baseUrl));
    }

    private static Task WriteAsync(HttpContext context, string kind, Func<string, JsonObject> build)
    {
        var baseUrl = ScimBaseUrl.Get(context);
        if (!Cache.TryGetValue((kind, baseUrl), out var document))
        {
            document = build(baseUrl);
            if (Cache.Count < MaxCachedBaseUrls * 8)
            {
                document = Cache.GetOrAdd((kind, baseUrl), document);
            }
        }

        return ScimResponses.WriteJsonAsync(context.Response, document);
    }
}
