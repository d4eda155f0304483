using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Projection;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Http;

/// <summary>
/// POST <c>/.search</c> at the root (RFC 7644 §3.4.3): searches Users, then Groups, and pages over the concatenation.
/// A filter is valid when it resolves for at least one type; a type it does not resolve for contributes nothing.
/// <c>sortBy</c> sorts within each type.
/// </summary>
internal static class RootSearchEndpoint
{
    public static void Map(IEndpointRouteBuilder scim) =>
        scim.MapPost("/.search", SearchAsync).WithMetadata(ScimRoute.Search);

    private static async Task SearchAsync(HttpContext context)
    {
        var request = SearchRequestParser.FromBody(await ScimRequestReader.ReadObjectAsync(context.Request));
        var types = ApplicableTypes(context.RequestServices.GetRequiredService<ScimResourceTypes>(), request);
        var startIndex = Math.Max(1, request.StartIndex ?? 1);
        var wanted = Math.Clamp(request.Count ?? ScimConstants.DefaultPageSize, 0, ScimConstants.MaxPageSize);
        var service = context.RequestServices.GetRequiredService<ScimService>();

        var pages = new List<(ResourceTypeDefinition Type, ResourceProjection Projection, IReadOnlyList<JsonObject> Resources)>();
        var total = 0;
        var remaining = wanted;
        foreach (var (type, projection) in types)
        {
            // The page of a later type starts where the earlier types' results end.
            var localStart = Math.Max(1, startIndex - total);
            var result = await service.QueryAsync(
                type, request with { StartIndex = localStart, Count = remaining }, context.RequestAborted);
            total += result.TotalResults;
            remaining -= result.Resources.Count;
            pages.Add((type, projection, result.Resources));
        }

        var baseUrl = ScimBaseUrl.Get(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        await ScimResponses.WriteAsync(context.Response, (pages, total, startIndex, baseUrl), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("schemas");
            writer.WriteStringValue(ScimConstants.ListResponse);
            writer.WriteEndArray();
            writer.WriteNumber("totalResults", state.total);
            writer.WriteNumber("itemsPerPage", state.pages.Sum(p => p.Resources.Count));
            writer.WriteNumber("startIndex", state.startIndex);
            writer.WriteStartArray("Resources");
            foreach (var (type, projection, resources) in state.pages)
            {
                foreach (var resource in resources)
                {
                    var id = Protocol.Resources.ResourceMeta.Id(resource) ?? "";
                    var location = string.Concat(state.baseUrl, type.Endpoint, "/", Uri.EscapeDataString(id));
                    ScimJsonWriter.WriteResource(writer, resource, projection, location);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>The types whose filter and projection resolve; throws the first type's error when none does.</summary>
    private static List<(ResourceTypeDefinition Type, ResourceProjection Projection)> ApplicableTypes(
        ScimResourceTypes all, SearchRequest request)
    {
        var applicable = new List<(ResourceTypeDefinition, ResourceProjection)>();
        ScimException? firstError = null;
        foreach (var type in all.All)
        {
            try
            {
                ScimService.BuildQuery(type, request);
                applicable.Add((type, Projections.For(type, ForType(all, type, request))));
            }
            catch (ScimException e)
            {
                firstError ??= e;
            }
        }

        return applicable.Count > 0 ? applicable : throw firstError!;
    }

    /// <summary>Keeps the <c>attributes</c> and <c>excludedAttributes</c> entries that name an attribute of the type.</summary>
    private static SearchRequest ForType(ScimResourceTypes all, ResourceTypeDefinition type, SearchRequest request)
    {
        if (request.Attributes.Count == 0 && request.ExcludedAttributes.Count == 0)
        {
            return request;
        }

        var attributes = request.Attributes.Where(a => Resolves(type, a)).ToArray();
        var excluded = request.ExcludedAttributes.Where(a => Resolves(type, a)).ToArray();
        if (request.Attributes.Count > 0 && attributes.Length == 0 &&
            !all.All.Any(t => request.Attributes.Any(a => Resolves(t, a))))
        {
            // Nothing resolves for any type: let the projection report the unknown attribute.
            return request;
        }

        return request with { Attributes = attributes.Length == 0 ? ["id"] : attributes, ExcludedAttributes = excluded };
    }

    private static bool Resolves(ResourceTypeDefinition type, string attribute)
    {
        try
        {
            return type.Resolve(PathParser.ParseAttributePath(attribute)) is not null;
        }
        catch (ScimException)
        {
            return false;
        }
    }
}
