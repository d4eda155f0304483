using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Microsoft.Net.Http.Headers;

namespace Emulators.Zitadel.Hosting;

/// <summary>The HTTP surface: OIDC discovery, the token endpoint, REST aliases and the Connect routes (§1.1).</summary>
internal static class EmulatorRoutes
{
    public static void Map(IEndpointRouteBuilder app, CallDispatcher dispatcher, TokenEndpoint tokens)
    {
        app.MapGet("/.well-known/openid-configuration", tokens.DiscoveryAsync);
        app.MapPost("/oauth/v2/token", tokens.TokenAsync);
        RestRoutes.Map(app, dispatcher);
        app.MapPost("/{service}/{method}", (HttpContext http, string service, string method) =>
            ConnectAsync(http, dispatcher, $"{service}/{method}"));
        app.MapFallback(http => UnknownAsync(http, http.Request.Path));
    }

    private static Task ConnectAsync(HttpContext http, CallDispatcher dispatcher, string fullMethod)
    {
        if (!dispatcher.IsKnown(fullMethod))
        {
            return UnknownAsync(http, "/" + fullMethod);
        }

        // Connect unary accepts application/json only; application/connect+json is for streams (§1.1).
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) ||
            !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            http.Response.Headers["Accept-Post"] = "application/json, application/proto";
            dispatcher.Log(http, fullMethod[(fullMethod.LastIndexOf('/') + 1)..], null);
            return Task.CompletedTask;
        }

        return dispatcher.DispatchAsync(http, fullMethod,
            () => CallDispatcher.ReadMessageAsync(http.Request, http.RequestAborted), ErrorShape.Connect);
    }

    /// <summary>An unknown path is a 404 from the mux; Connect clients read it as <c>unimplemented</c>.</summary>
    private static Task UnknownAsync(HttpContext http, string path) =>
        Responses.WriteJsonAsync(http, StatusCodes.Status404NotFound, new JsonObject
        {
            ["code"] = ErrorCode.Unimplemented.ConnectName,
            ["message"] = $"{path} is not implemented",
        });
}
