using Microsoft.Extensions.Options;
using ScimEndpoint.Hosting;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Http;

/// <summary>The absolute SCIM base URL of a request, for <c>Location</c> and <c>meta.location</c>.</summary>
internal static class ScimBaseUrl
{
    public const string Path = "/scim/v2";

    /// <summary><see cref="ScimOptions.PublicBaseUrl"/> when set, else scheme, host and PathBase of the request.</summary>
    public static string Get(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<ScimOptions>>().Value.PublicBaseUrl;
        if (configured is not null)
        {
            return configured.AbsoluteUri.TrimEnd('/');
        }

        var request = context.Request;
        return string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent(), Path);
    }

    public static string Location(HttpContext context, ResourceTypeDefinition type, string id) =>
        string.Concat(Get(context), type.Endpoint, "/", Uri.EscapeDataString(id));
}
