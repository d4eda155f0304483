using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Operator.Tests.Hosting;

public sealed class OperatorAppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Build_StartsServesProbesAndStopsCleanly()
    {
        // No controllers are added, so the client never calls; a configuration must still exist (no localhost fallback).
        var directory = Directory.CreateTempSubdirectory("operator-app-");
        try
        {
            await StartServeAndStopAsync(Path.Combine(directory.FullName, "kubeconfig"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task StartServeAndStopAsync(string kubeconfig)
    {
        await File.WriteAllTextAsync(kubeconfig, """
            current-context: c
            clusters: [{ name: k, cluster: { server: "http://127.0.0.1:1" } }]
            contexts: [{ name: c, context: { cluster: k, user: u } }]
            users: [{ name: u, user: { token: t } }]
            """);
        await using var app = OperatorApp.Build(["--urls=http://127.0.0.1:0", "--Operator:Kubeconfig=" + kubeconfig]);
        await app.StartAsync().WaitAsync(Timeout);
        using var client = new HttpClient { BaseAddress = app.ManagementAddress };

        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)).WaitAsync(Timeout);
        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(Timeout);
        var stopped = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped;
        await app.StopAsync().WaitAsync(Timeout);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.True(stopped.IsCancellationRequested);
    }
}
