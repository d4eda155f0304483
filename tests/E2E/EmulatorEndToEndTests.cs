using E2E.Tests.Cluster;
using E2E.Tests.Scenarios;
using Xunit.Abstractions;

namespace E2E.Tests;

/// <summary>
/// The k3s suite's scenarios on the Kubernetes API emulator: they run on every machine, so the scenario code the k3s
/// suite relies on (sample adjustment, replay plumbing, waits) is proven even where k3s cannot run.
/// </summary>
public sealed class EmulatorEndToEndTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Sample_tenant_and_key_become_Ready_on_the_emulator() =>
        await (await ScenariosAsync()).TenantAndKeyBecomeReadyAsync("emu-ready");

    [Fact]
    public async Task Entra_replay_through_the_endpoint_lands_in_ZITADEL_on_the_emulator() =>
        await (await ScenariosAsync()).EntraReplayLandsInZitadelAsync("emu-replay");

    [Fact]
    public async Task Deleted_key_token_is_refused_within_5s_on_the_emulator() =>
        await (await ScenariosAsync()).DeletedKeyIsRefusedAsync("emu-revoke");

    [Fact]
    public async Task Deleted_tenant_endpoint_is_garbage_collected_on_the_emulator() =>
        await (await ScenariosAsync()).DeletedTenantIsCollectedAsync("emu-gc");

    private async Task<EndToEndScenarios> ScenariosAsync() => new(await fixture.SystemAsync(), output);
}
