using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Discovery;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Http;

/// <summary>GET <c>/ServiceProviderConfig</c>, <c>/ResourceTypes[/{name}]</c> and <c>/Schemas[/{urn}]</c>.</summary>
internal sealed class DiscoveryEndpoints(ScimResourceTypes types)
{
    /// <summary>
    /// Documents per base URL. The Host header is client input, so only a few base URLs are cached; others are
    /// built per request.
    /// </summary>
    private const int MaxCachedBaseUrls = 16;

    /// <summary>Per application (the documents depend on its custom schemas), so test hosts never share one.</summary>
    private readonly ConcurrentDictionary<(string Kind, string BaseUrl), JsonObject> _cache = new();

    public static void Map(IEndpointRouteBuilder scim, ScimResourceTypes types)
    {
        var handlers = new DiscoveryEndpoints(types);
        scim.MapGet("/ServiceProviderConfig", context => handlers.WriteAsync(context, "spc", DiscoveryDocuments.ServiceProviderConfig))
            .WithMetadata(ScimRoute.ServiceProviderConfig);
        scim.MapGet("/ResourceTypes", context => handlers.WriteAsync(
                context, "types", baseUrl => DiscoveryDocuments.ResourceTypes(types, baseUrl)))
            .WithMetadata(ScimRoute.ResourceTypes);
        scim.MapGet("/ResourceTypes/{name}", handlers.ResourceTypeAsync).WithMetadata(ScimRoute.ResourceTypes);
        scim.MapGet("/Schemas", context => handlers.WriteAsync(
                context, "schemas", baseUrl => DiscoveryDocuments.Schemas(types, baseUrl)))
            .WithMetadata(ScimRoute.Schemas);
        scim.MapGet("/Schemas/{urn}", handlers.SchemaAsync).WithMetadata(ScimRoute.Schemas);
    }

    private Task ResourceTypeAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var type = types.All.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw ScimErrors.NotFound("ResourceType", name);
        return WriteAsync(context, "type:" + type.Name, baseUrl => DiscoveryDocuments.ResourceType(type, baseUrl));
    }

    private Task SchemaAsync(HttpContext context)
    {
        var urn = (string)context.Request.RouteValues["urn"]!;
        var schema = types.Schemas.FirstOrDefault(s => s.Id.Equals(urn, StringComparison.OrdinalIgnoreCase))
            ?? throw ScimErrors.NotFound("Schema", urn);
        return WriteAsync(context, "schema:" + schema.Id, baseUrl => DiscoveryDocuments.Schema(schema, baseUrl));
    }

    private Task WriteAsync(HttpContext context, string kind, Func<string, JsonObject> build)
    {
        var baseUrl = ScimBaseUrl.Get(context);
        if (!_cache.TryGetValue((kind, baseUrl), out var document))
        {
            document = build(baseUrl);
            if (_cache.Count < MaxCachedBaseUrls * 8)
            {
                document = _cache.GetOrAdd((kind, baseUrl), document);
            }
        }

        return ScimResponses.WriteJsonAsync(context.Response, document);
    }
}
