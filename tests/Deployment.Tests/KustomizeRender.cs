using System.Text.Json.Nodes;
using KubernetesEmulator.Tests;
using ApiEmulator = Emulators.Kubernetes.KubernetesEmulator;

namespace Deployment.Tests;

/// <summary>
/// <c>kubectl kustomize config/default</c>, rendered once per test class by the real kubectl, plus the Kubernetes
/// API emulator that kubectl is pointed at (rendering does not call it; applying does). Started on first use, so a
/// class whose tests are all skipped (no kubectl) starts nothing.
/// </summary>
public sealed class KustomizeRender : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ApiEmulator? _emulator;
    private Kubectl? _kubectl;
    private string? _text;

    internal async Task<Kubectl> KubectlAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _emulator ??= await ApiEmulator.StartAsync();
            return _kubectl ??= new Kubectl(_emulator);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The rendered YAML.</summary>
    public async Task<string> TextAsync()
    {
        var kubectl = await KubectlAsync();
        return _text ??= await kubectl.OkAsync("kustomize", Repo.Path("config", "default"));
    }

    public async Task<List<JsonNode>> ObjectsAsync() => Yaml.LoadAll(await TextAsync());

    public async Task<JsonObject> ObjectAsync(string kind, string name) =>
        (await ObjectsAsync()).Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name).AsObject();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _kubectl?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _gate.Dispose();
    }
}
