using Operator.Runtime;

namespace Operator;

/// <summary>
/// Composition root of the operator: the controller runtime on the generic host, plus <c>/healthz</c> (process alive),
/// <c>/readyz</c> (every informer synced) and <c>/metrics</c> on one management listener (default
/// <c>http://0.0.0.0:8081</c>, <see cref="ManagementServer"/>). Controllers are added through <c>configure</c> (e.g.
/// <c>b.Services.AddController&lt;…&gt;(…)</c>). Tests build it with <c>urls</c> on port 0 and read
/// <see cref="OperatorHost.ManagementAddress"/> after start.
/// </summary>
/// <remarks>
/// No ASP.NET Core: Kestrel, routing and the web host cost ~9 MiB of the idle operator's resident memory for three
/// GET endpoints (docs/benchmarks.md, issue 4).
/// </remarks>
internal static class OperatorApp
{
    public static OperatorHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });

        // The listener starts first and stops last, so the probes answer for as long as the process runs.
        builder.Services.AddSingleton<ManagementServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ManagementServer>());
        builder.Services.AddOperatorRuntime(builder.Configuration.GetSection(OperatorOptions.SectionName));
        configure?.Invoke(builder);
        var host = builder.Build();
        Zitadel.Transport.BuildInfoLog.Starting(
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Operator"), "scim-operator");
        return new OperatorHost(host);
    }
}

/// <summary>The built operator: a generic host that also tells where its management listener is bound.</summary>
internal sealed class OperatorHost(IHost host) : IHost, IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    /// <summary>The management listener's first address (e.g. <c>http://127.0.0.1:41234/</c>); null before start.</summary>
    public Uri? ManagementAddress => host.Services.GetRequiredService<ManagementServer>().Address;

    public Task StartAsync(CancellationToken cancellationToken = default) => host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => host.StopAsync(cancellationToken);

    public void Dispose() => host.Dispose();

    public ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        host.Dispose();
        return ValueTask.CompletedTask;
    }
}
