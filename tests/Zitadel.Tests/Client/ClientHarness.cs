using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zitadel.Transport;

namespace Zitadel.Tests.Client;

/// <summary>A <see cref="ZitadelClient"/> built through <c>AddZitadelClient</c> on a fake handler and fake time.
/// Jitter is fixed at its maximum so backoff delays are exact.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string Pat = "pat-secret-0123456789";
    public const string BaseUrl = "https://zitadel.example.com";

    /// <summary>Long enough that per-attempt timeouts never fire unless a test sets a shorter one.</summary>
    public static readonly TimeSpan LongTimeout = TimeSpan.FromHours(1);

    private readonly ServiceProvider _services;

    public ClientHarness(Action<ZitadelClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IZitadelCallObserver>(Observer);
        services.AddSingleton(sp => new RetryBackoff(
            sp.GetRequiredService<IOptions<ZitadelClientOptions>>().Value.Retry, () => 1.0));
        services.AddZitadelClient(options =>
        {
            options.BaseUrl = new Uri(BaseUrl);
            options.OrganizationId = "org-default";
            options.Timeout = LongTimeout;
            options.PersonalAccessToken = Pat;
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<ZitadelClient>();
    }

    public FakeZitadelHandler Handler { get; } = new();

    public RecordingTimeProvider Time { get; } = new();

    public RecordingObserver Observer { get; } = new();

    public ZitadelClient Client { get; }

    public void Dispose() => _services.Dispose();
}

internal sealed class RecordingObserver : IZitadelCallObserver
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<ZitadelCall> _calls = new();

    public IReadOnlyList<ZitadelCall> Calls => [.. _calls];

    public void OnCallCompleted(ZitadelCall call) => _calls.Enqueue(call);
}
