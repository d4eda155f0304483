using Emulators.Zitadel;

namespace Zitadel.Tests.Emulator;

/// <summary>Starts a fresh emulator per test (xunit creates one class instance per test) and disposes it.</summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    private ZitadelEmulator? _emulator;
    private EmulatorClient? _client;

    internal ManualClock Clock { get; } = new();

    internal ZitadelEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    internal EmulatorClient Client => _client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        (_emulator, _client) = await EmulatorClient.StartAsync(new ZitadelEmulatorOptions { TimeProvider = Clock });

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
