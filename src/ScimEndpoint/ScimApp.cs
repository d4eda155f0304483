using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;
using ScimEndpoint.Auth;
using ScimEndpoint.Hosting;
using ScimEndpoint.Http;
using ScimEndpoint.Observability;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint;

/// <summary>
/// Builds the SCIM endpoint host: SCIM routes under <c>/scim/v2</c> on <see cref="ScimOptions.Port"/>, and
/// <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c> on <see cref="ScimOptions.ManagementPort"/>.
/// </summary>
internal static class ScimApp
{
    /// <summary>
    /// Builds the application from <paramref name="args"/>, environment and the <c>Scim</c> section.
    /// <paramref name="configure"/> runs last, e.g. to add in-memory configuration or replace services in tests.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });

        // ASP.NET Core logs every request at Information; per-request lines come from this host at Debug only.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // HttpClient logs every ZITADEL call at Information; the client's own log and metrics cover failures.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddScimEndpoint();
        builder.WebHost.ConfigureKestrel(ScimServiceCollectionExtensions.ConfigureScimKestrel);
        configure?.Invoke(builder);

        var app = builder.Build();
        Zitadel.Transport.BuildInfoLog.Starting(app.Logger, "scim-endpoint");
        app.UseRouting();
        app.UseMiddleware<ListenerSplitMiddleware>();
        app.UseMiddleware<RequestObservabilityMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Never reached: ScimExceptionHandler handles every exception. Required when no path is set.
            ExceptionHandler = context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            },
        });
        app.UseMiddleware<ScimStatusBodyMiddleware>();
        app.UseMiddleware<BearerAuthMiddleware>();
        MapManagement(app);
        MapScim(app);
        return app;
    }

    /// <summary>The SCIM base URI, e.g. <c>http://127.0.0.1:41234/scim/v2</c>. Valid after start.</summary>
    public static Uri ScimBaseUri(this WebApplication app) =>
        new(ListenerUri(app.Services.GetRequiredService<ListenerPorts>().Scim), ScimBaseUrl.Path.TrimStart('/'));

    /// <summary>The management base URI, e.g. <c>http://127.0.0.1:41235/</c>. Valid after start.</summary>
    public static Uri ManagementBaseUri(this WebApplication app) =>
        ListenerUri(app.Services.GetRequiredService<ListenerPorts>().Management);

    private static Uri ListenerUri(ListenOptions? listener)
    {
        var endPoint = listener?.IPEndPoint
            ?? throw new InvalidOperationException("The application has not been started.");
        var address = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endPoint.Address;
        return new UriBuilder(Uri.UriSchemeHttp, address.ToString(), endPoint.Port, "/").Uri;
    }

    private static void MapManagement(WebApplication app)
    {
        var keys = app.Services.GetRequiredService<KeySetProvider>();
        var metrics = app.Services.GetRequiredService<ScimMetrics>();
        app.MapMetrics("/metrics", metrics.Registry).WithMetadata(ManagementEndpoint.Instance);
        app.MapGet("/healthz", () => Results.Text("ok")).WithMetadata(ManagementEndpoint.Instance);
        app.MapGet("/readyz", () => keys.IsReady
                ? Results.Text("ready")
                : Results.Text("no valid key set loaded", statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithMetadata(ManagementEndpoint.Instance);
    }

    private static void MapScim(WebApplication app)
    {
        var scim = app.MapGroup(ScimBaseUrl.Path);
        var types = app.Services.GetRequiredService<ScimResourceTypes>();
        ResourceEndpoints.Map(scim, types.User);
        ResourceEndpoints.Map(scim, types.Group);
        RootSearchEndpoint.Map(scim);
        DiscoveryEndpoints.Map(scim, types);
    }
}
