using Operator.Runtime;
using Zitadel;
using Zitadel.Transport;

namespace Operator.Controllers.Zitadel;

/// <summary>
/// Builds a <see cref="ZitadelClient"/> per (URL, credential), reusing src/Zitadel's transport, retries and token
/// sources. Clients are cached by URL and the credential's SHA-256 (never the credential itself as a key) and shared
/// by the tenants that use the same pair; a client no tenant uses any more is disposed. Every client reports its calls
/// to <see cref="OperatorMetrics"/>.
/// </summary>
internal sealed class ZitadelClientFactory(ILoggerFactory loggerFactory, TimeProvider time, OperatorMetrics metrics)
    : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, string> _tenants = [];

    /// <summary>The client for <paramref name="tenant"/>; a changed URL or credential replaces its previous one.</summary>
    public ZitadelClient Get(ObjectKey tenant, Uri url, ZitadelCredential credential)
    {
        var cacheKey = url.AbsoluteUri.TrimEnd('/') + " " + credential.Sha256;
        lock (_lock)
        {
            if (!_clients.TryGetValue(cacheKey, out var entry))
            {
                entry = new Entry(Build(url, credential));
                _clients[cacheKey] = entry;
            }

            if (_tenants.TryGetValue(tenant, out var previous) && previous != cacheKey)
            {
                ReleaseLocked(previous, tenant);
            }

            _tenants[tenant] = cacheKey;
            entry.Tenants.Add(tenant);
            return entry.Client;
        }
    }

    /// <summary>The tenant is gone: its client is disposed unless another tenant uses it.</summary>
    public void Release(ObjectKey tenant)
    {
        lock (_lock)
        {
            if (_tenants.Remove(tenant, out var cacheKey))
            {
                ReleaseLocked(cacheKey, tenant);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _clients.Values)
            {
                entry.Services.Dispose();
            }

            _clients.Clear();
            _tenants.Clear();
        }
    }

    private void ReleaseLocked(string cacheKey, ObjectKey tenant)
    {
        if (_clients.TryGetValue(cacheKey, out var entry) && entry.Tenants.Remove(tenant) && entry.Tenants.Count == 0)
        {
            _clients.Remove(cacheKey);
            entry.Services.Dispose();
        }
    }

    private ServiceProvider Build(Uri url, ZitadelCredential credential)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        services.AddSingleton<IZitadelCallObserver>(metrics);
        services.AddZitadelClient(options =>
        {
            options.BaseUrl = url;
            options.PersonalAccessToken = credential.IsKeyFile ? null : credential.Value;
            options.KeyFileJson = credential.IsKeyFile ? credential.Value : null;

            // A reconcile must not sit out a long outage: one retry, then ZitadelUnavailable and a requeue that
            // honours Retry-After.
            options.Retry.MaxAttempts = 2;
            options.Retry.MaxRetryAfter = TimeSpan.FromSeconds(2);
        }, validateOnStart: false);
        return services.BuildServiceProvider();
    }

    private sealed class Entry(ServiceProvider services)
    {
        public ServiceProvider Services { get; } = services;

        public ZitadelClient Client { get; } = services.GetRequiredService<ZitadelClient>();

        public HashSet<ObjectKey> Tenants { get; } = [];
    }
}
