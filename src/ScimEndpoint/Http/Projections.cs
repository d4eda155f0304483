using ScimEndpoint.Protocol.Projection;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Http;

/// <summary>The response projection a request asks for (RFC 7644 §3.4.2.5), validated before any write happens.</summary>
internal static class Projections
{
    public static ResourceProjection For(ResourceTypeDefinition type, SearchRequest request) =>
        request.Attributes.Count == 0 && request.ExcludedAttributes.Count == 0
            ? ResourceProjection.Default(type)
            : ResourceProjection.Create(type, request.Attributes, request.ExcludedAttributes);

    /// <summary>From <c>attributes</c>/<c>excludedAttributes</c> in the query of a GET, POST, PUT or PATCH.</summary>
    public static ResourceProjection FromQuery(ResourceTypeDefinition type, IQueryCollection query) =>
        SearchRequestParser.HasProjection(query)
            ? For(type, SearchRequestParser.FromQuery(query))
            : ResourceProjection.Default(type);
}
