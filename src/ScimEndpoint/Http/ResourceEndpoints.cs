using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Http;

/// <summary>The RFC 7644 §3 operations on one resource type (<c>/Users</c> or <c>/Groups</c>).</summary>
internal sealed class ResourceEndpoints(ResourceTypeDefinition type)
{
    public static void Map(IEndpointRouteBuilder scim, ResourceTypeDefinition type)
    {
        var handlers = new ResourceEndpoints(type);
        var group = scim.MapGroup(type.Endpoint);
        group.MapGet("", handlers.ListAsync).WithMetadata(ScimRoute.For(type.Name, "list"));
        group.MapPost("", handlers.CreateAsync).WithMetadata(ScimRoute.For(type.Name, "create"));
        group.MapPost("/.search", handlers.SearchAsync).WithMetadata(ScimRoute.For(type.Name, "search"));
        group.MapGet("/{id}", handlers.GetAsync).WithMetadata(ScimRoute.For(type.Name, "get"));
        group.MapPut("/{id}", handlers.ReplaceAsync).WithMetadata(ScimRoute.For(type.Name, "replace"));
        group.MapPatch("/{id}", handlers.PatchAsync).WithMetadata(ScimRoute.For(type.Name, "patch"));
        group.MapDelete("/{id}", handlers.DeleteAsync).WithMetadata(ScimRoute.For(type.Name, "delete"));
    }

    private async Task ListAsync(HttpContext context)
    {
        var request = SearchRequestParser.FromQuery(context.Request.Query);
        var projection = Projections.For(type, request);
        var result = await Service(context).QueryAsync(type, request, context.RequestAborted);
        await ScimResponses.WriteListAsync(context, type, result, Math.Max(1, request.StartIndex ?? 1), projection);
    }

    private async Task SearchAsync(HttpContext context)
    {
        var request = SearchRequestParser.FromBody(await ScimRequestReader.ReadObjectAsync(context.Request));
        var projection = Projections.For(type, request);
        var result = await Service(context).QueryAsync(type, request, context.RequestAborted);
        await ScimResponses.WriteListAsync(context, type, result, Math.Max(1, request.StartIndex ?? 1), projection);
    }

    private async Task CreateAsync(HttpContext context)
    {
        var body = await ScimRequestReader.ReadObjectAsync(context.Request);
        var projection = Projections.FromQuery(type, context.Request.Query);
        var created = await Service(context).CreateAsync(type, body, context.RequestAborted);
        await ScimResponses.WriteResourceAsync(context, type, created, projection, created: true);
    }

    private async Task GetAsync(HttpContext context)
    {
        var projection = Projections.FromQuery(type, context.Request.Query);
        var resource = await Service(context).GetAsync(type, Id(context), context.RequestAborted);
        await ScimResponses.WriteResourceAsync(context, type, resource, projection);
    }

    private async Task ReplaceAsync(HttpContext context)
    {
        var body = await ScimRequestReader.ReadObjectAsync(context.Request);
        var projection = Projections.FromQuery(type, context.Request.Query);
        var replaced = await Service(context).ReplaceAsync(
            type, Id(context), body, IfMatch(context), context.RequestAborted);
        await ScimResponses.WriteResourceAsync(context, type, replaced, projection);
    }

    /// <summary>
    /// Users answer 200 with the resource. Groups answer 204, as Entra expects (it never reads members back),
    /// unless the query asks for a projection: then 200 with the projected group.
    /// </summary>
    private async Task PatchAsync(HttpContext context)
    {
        var body = await ScimRequestReader.ReadObjectAsync(context.Request);
        var query = context.Request.Query;
        var wantsBody = type != ScimSchemas.GroupType || SearchRequestParser.HasProjection(query);
        var projection = wantsBody ? Projections.FromQuery(type, query) : null;
        var patched = await Service(context).PatchAsync(
            type, Id(context), body, IfMatch(context), context.RequestAborted);
        if (projection is null)
        {
            ScimResponses.WriteNoContent(context, patched);
            return;
        }

        patched ??= await Service(context).GetAsync(type, Id(context), context.RequestAborted);
        await ScimResponses.WriteResourceAsync(context, type, patched, projection);
    }

    private async Task DeleteAsync(HttpContext context)
    {
        await Service(context).DeleteAsync(type, Id(context), IfMatch(context), context.RequestAborted);
        ScimResponses.WriteNoContent(context, null);
    }

    private static ScimService Service(HttpContext context) => context.RequestServices.GetRequiredService<ScimService>();

    private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    private static string? IfMatch(HttpContext context) =>
        context.Request.Headers.IfMatch is { Count: > 0 } values ? values.ToString() : null;
}
