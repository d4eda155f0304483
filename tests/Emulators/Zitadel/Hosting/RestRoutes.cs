using System.Text.Json.Nodes;
using Emulators.Zitadel.Services.Users;

namespace Emulators.Zitadel.Hosting;

/// <summary>
/// grpc-gateway aliases of the user v2 calls (§5–6). They share the handlers with Connect and answer errors in the
/// REST shape <c>{code: number, message, details: [{@type, id, message}]}</c>.
/// </summary>
internal static class RestRoutes
{
    public static void Map(IEndpointRouteBuilder app, CallDispatcher dispatcher)
    {
        Route(app, dispatcher, HttpMethods.Post, "/v2/users/new", "CreateUser", WithBody);
        Route(app, dispatcher, HttpMethods.Get, "/v2/users/{userId}", "GetUserByID", WithoutBody);
        Route(app, dispatcher, HttpMethods.Post, "/v2/users", "ListUsers", WithBody);
        Route(app, dispatcher, HttpMethods.Patch, "/v2/users/{userId}", "UpdateUser", WithBody);
        Route(app, dispatcher, HttpMethods.Delete, "/v2/users/{userId}", "DeleteUser", WithoutBody);
        Route(app, dispatcher, HttpMethods.Post, "/v2/users/{userId}/metadata", "SetUserMetadata", WithBody);
        Route(app, dispatcher, HttpMethods.Post, "/v2/users/{userId}/metadata/search", "ListUserMetadata", WithBody);
        // §6.1: the keys travel as query parameters; DELETE has no body mapping.
        Route(app, dispatcher, HttpMethods.Delete, "/v2/users/{userId}/metadata", "DeleteUserMetadata",
            (http, _) => Task.FromResult(new JsonObject
            {
                ["keys"] = new JsonArray(http.Request.Query["keys"].Select(key => (JsonNode?)key).ToArray()),
            }));
    }

    private static Task<JsonObject> WithBody(HttpContext http, CancellationToken cancellationToken) =>
        CallDispatcher.ReadMessageAsync(http.Request, cancellationToken);

    private static Task<JsonObject> WithoutBody(HttpContext http, CancellationToken cancellationToken) =>
        Task.FromResult(new JsonObject());

    private static void Route(
        IEndpointRouteBuilder app, CallDispatcher dispatcher, string verb, string pattern, string method,
        Func<HttpContext, CancellationToken, Task<JsonObject>> readBody) =>
        app.MapMethods(pattern, [verb], (HttpContext http) => dispatcher.DispatchAsync(http,
            $"{UserService.Name}/{method}",
            async () =>
            {
                var request = await readBody(http, http.RequestAborted);
                // Path parameters win over the body, as in grpc-gateway.
                foreach (var (name, value) in http.Request.RouteValues)
                {
                    request[name] = value?.ToString();
                }

                return request;
            },
            ErrorShape.Rest));
}
