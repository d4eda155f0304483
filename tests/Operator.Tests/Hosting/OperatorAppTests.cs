using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Operator.Tests.Hosting;

public sealed class OperatorAppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Build_StartsServesProbesAndStopsCleanly()
    {
        await using var app = OperatorApp.Build(["--urls=http://127.0.0.1:0"]);
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
