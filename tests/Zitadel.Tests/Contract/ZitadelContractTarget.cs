using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Zitadel.Tests.Contract;

/// <summary>The mechanics every target shares: clients built through <c>AddZitadelClient</c>, unique names and
/// cleanup on dispose.</summary>
internal abstract class ZitadelContractTarget : IZitadelContractTarget
{
    /// <summary>Every name the suite makes starts with this, so leftovers on a shared instance are easy to find.
    /// </summary>
    public const string NamePrefix = "scimop-ct-";

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromMinutes(1);

    private readonly List<ServiceProvider> _providers = [];
    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly Uri _baseUrl;
    private int _names;

    protected ZitadelContractTarget(Uri baseUrl, string organizationId, Action<ZitadelClientOptions> credential)
    {
        _baseUrl = baseUrl;
        OrganizationId = organizationId;
        Client = BuildClient(credential);
    }

    public ZitadelClient Client { get; }

    public string OrganizationId { get; }

    public ContractCleanup Cleanup { get; } = new();

    public string UniqueName(string purpose) =>
        $"{NamePrefix}{purpose}-{_run}-{Interlocked.Increment(ref _names)}";

    public ZitadelClient CreateClient(string personalAccessToken) =>
        BuildClient(options => options.PersonalAccessToken = personalAccessToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            await Cleanup.RunAsync(Client, timeout.Token);
        }
        finally
        {
            foreach (var provider in _providers)
            {
                await provider.DisposeAsync();
            }

            await DisposeTargetAsync();
        }
    }

    /// <summary>Stops what the target started, after the cleanup ran.</summary>
    protected virtual ValueTask DisposeTargetAsync() => ValueTask.CompletedTask;

    private ZitadelClient BuildClient(Action<ZitadelClientOptions> credential)
    {
        var services = new ServiceCollection();
        services.AddLogging().AddZitadelClient(options =>
        {
            options.BaseUrl = _baseUrl;
            options.OrganizationId = OrganizationId;
            credential(options);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ZitadelClient>();
    }
}
