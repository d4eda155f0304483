using Emulators.Zitadel.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.IntegrationTests.ZitadelStore;
using Zitadel;

namespace ScimEndpoint.IntegrationTests.ZitadelFaults;

/// <summary>How the emulator misbehaves during a faulty run.</summary>
public enum FaultMode
{
    /// <summary>No faults: the reference run.</summary>
    None,

    /// <summary>A share of calls answered 503 unavailable, nothing applied.</summary>
    Unavailable,

    /// <summary>A share of calls answered 429 with <c>Retry-After: 0</c>, nothing applied.</summary>
    RateLimited,

    /// <summary>A share of calls whose connection is aborted before the call is applied.</summary>
    DropBeforeApply,

    /// <summary>A share of calls that are applied, then their connection is aborted without an answer.</summary>
    DropAfterApply,

    /// <summary>A share of SCIM requests during which every ZITADEL call is slower than the client's timeout.</summary>
    Timeout,
}

/// <summary>The theory data of the faulty modes.</summary>
public static class FaultModes
{
    public static TheoryData<FaultMode> Faulty => new(
        FaultMode.Unavailable, FaultMode.RateLimited, FaultMode.DropBeforeApply, FaultMode.DropAfterApply, FaultMode.Timeout);
}

/// <summary>
/// A ZITADEL tenant and a SCIM endpoint in front of it, with the client's retries shortened so a faulty run stays
/// fast. <c>ZitadelClientOptions.Retry</c> and <c>Timeout</c> have no configuration key (the endpoint binds only
/// <c>Scim:Zitadel:Url/Issuer/OrganizationId/PersonalAccessToken/KeyFilePath</c>), so they are post-configured on the
/// builder.
/// </summary>
internal sealed class FaultyZitadel : IAsyncDisposable
{
    /// <summary>Attempts per ZITADEL call: one retry, so that some faults reach SCIM and Entra's retries.</summary>
    public const int ClientAttempts = 2;

    /// <summary>The client's per-attempt timeout in <see cref="FaultMode.Timeout"/> runs.</summary>
    public static readonly TimeSpan ShortClientTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>The latency that exceeds <see cref="ShortClientTimeout"/>.</summary>
    public static readonly TimeSpan SlowCall = TimeSpan.FromMilliseconds(900);

    private FaultyZitadel(ZitadelTenant tenant, ScimServer server)
    {
        Tenant = tenant;
        Server = server;
    }

    public ZitadelTenant Tenant { get; }

    public ScimServer Server { get; }

    public FaultPlan Faults => Tenant.Emulator.Faults;

    public static async Task<FaultyZitadel> StartAsync(TimeSpan? clientTimeout = null)
    {
        var tenant = await ZitadelTenant.StartAsync().WithTimeout(TestTimeouts.Phase);
        try
        {
            var server = await ScimServer.StartAsync(
                tenant.EndpointSettings(),
                configure: builder => builder.Services.PostConfigure<ZitadelClientOptions>(options =>
                {
                    options.Retry.MaxAttempts = ClientAttempts;
                    options.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
                    options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
                    options.Retry.MaxRetryAfter = TimeSpan.FromMilliseconds(100);
                    options.Timeout = clientTimeout ?? options.Timeout;
                })).WithTimeout(TestTimeouts.Phase);
            return new FaultyZitadel(tenant, server);
        }
        catch
        {
            await tenant.DisposeAsync();
            throw;
        }
    }

    /// <summary>Arms <paramref name="mode"/> for <paramref name="percent"/> % of all calls, seeded.</summary>
    /// <returns>The hook to run before each SCIM attempt (used by <see cref="FaultMode.Timeout"/>), or null.</returns>
    public Action? Arm(FaultMode mode, double percent, int seed)
    {
        Faults.RetryAfter = TimeSpan.Zero;
        switch (mode)
        {
            case FaultMode.None:
                return null;
            case FaultMode.Unavailable:
                Faults.FailPercentage(percent, FaultKind.Unavailable, seed);
                return null;
            case FaultMode.RateLimited:
                Faults.FailPercentage(percent, FaultKind.RateLimited, seed);
                return null;
            case FaultMode.DropBeforeApply:
                Faults.FailPercentage(percent, FaultKind.DropBeforeApply, seed);
                return null;
            case FaultMode.DropAfterApply:
                Faults.FailPercentage(percent, FaultKind.DropAfterApply, seed);
                return null;
            case FaultMode.Timeout:
                // The plan has no per-call latency share: draw per SCIM attempt instead, which slows every call of it.
                var random = new Random(seed);
                return () => Faults.SetLatency(random.NextDouble() < percent / 100 ? SlowCall : TimeSpan.Zero);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }

    /// <summary>The emulator's fault for a mode that has one.</summary>
    public static FaultKind Kind(FaultMode mode) => mode switch
    {
        FaultMode.Unavailable => FaultKind.Unavailable,
        FaultMode.RateLimited => FaultKind.RateLimited,
        FaultMode.DropBeforeApply => FaultKind.DropBeforeApply,
        FaultMode.DropAfterApply => FaultKind.DropAfterApply,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "No single emulator fault."),
    };

    public async ValueTask DisposeAsync()
    {
        Faults.Clear();
        await Server.DisposeAsync();
        await Tenant.DisposeAsync();
    }
}
