namespace Operator;

/// <summary>
/// Composition root of the operator. For now it only hosts the probe endpoints; the controllers arrive with the
/// CRDs (see the issues). Tests build it with port 0 and read the bound address after start.
/// </summary>
internal static class OperatorApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://0.0.0.0:8081");
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => Results.Text("ok"));
        return app;
    }
}
