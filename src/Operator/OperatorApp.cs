using Operator.Runtime;
using Prometheus;

namespace Operator;

/// <summary>
/// Composition root of the operator: the controller runtime plus <c>/healthz</c> (process alive), <c>/readyz</c>
/// (every informer synced) and <c>/metrics</c> on one management listener (default <c>http://0.0.0.0:8081</c>).
/// Controllers are added through <c>configure</c> (e.g. <c>b.Services.AddController&lt;…&gt;(…)</c>). Tests build
/// it with port 0 and read the bound address after start.
/// </summary>
internal static class OperatorApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://0.0.0.0:8081");
        }

        builder.Services.AddOperatorRuntime(builder.Configuration.GetSection(OperatorOptions.SectionName));
        configure?.Invoke(builder);

        var app = builder.Build();
        Zitadel.Transport.BuildInfoLog.Starting(app.Logger, "scim-operator");
        var informers = app.Services.GetRequiredService<InformerFactory>();
        var metrics = app.Services.GetRequiredService<OperatorMetrics>();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => informers.AllSynced
            ? Results.Text("ok")
            : Results.Text("informers not synced", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
