using E2E.Tests.Cluster;
using E2E.Tests.Gate;
using E2E.Tests.Scenarios;
using Xunit.Abstractions;

namespace E2E.Tests;

/// <summary>
/// The end-to-end checks on a real API server: k3s in Docker, with the operator, the ZITADEL emulator and the
/// endpoints running on this machine against it. Skipped, with the reason, where no Docker engine exists.
/// </summary>
public sealed class K3sEndToEndTests(K3sFixture fixture, ITestOutputHelper output) : IClassFixture<K3sFixture>
{
    [K3sFact]
    public async Task Sample_tenant_and_key_become_Ready_on_k3s() =>
        await (await ScenariosAsync()).TenantAndKeyBecomeReadyAsync("k3s-ready");

    [K3sFact]
    public async Task Entra_replay_through_the_endpoint_lands_in_ZITADEL_on_k3s() =>
        await (await ScenariosAsync()).EntraReplayLandsInZitadelAsync("k3s-replay");

    [K3sFact]
    public async Task Deleted_key_token_is_refused_within_5s_on_k3s() =>
        await (await ScenariosAsync()).DeletedKeyIsRefusedAsync("k3s-revoke");

    [K3sFact]
    public async Task Deleted_tenant_endpoint_is_garbage_collected_by_k3s() =>
        await (await ScenariosAsync()).DeletedTenantIsCollectedAsync("k3s-gc");

    private async Task<EndToEndScenarios> ScenariosAsync() => new(await fixture.SystemAsync(), output);
}
