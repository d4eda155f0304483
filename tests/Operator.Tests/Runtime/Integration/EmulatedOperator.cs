using System.Collections.Concurrent;
using Emulators.Kubernetes;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Operator.Runtime;

namespace Operator.Tests.Runtime.Integration;

/// <summary>An operator host (OperatorApp) on the emulator, with a ConfigMap controller that records its work.</summary>
internal sealed class EmulatedOperator : IAsyncDisposable
{
    private EmulatedOperator(OperatorHost app, string identity)
    {
        App = app;
        Identity = identity;
    }

    public OperatorHost App { get; }

    public string Identity { get; }

    public ILeadership Leadership => App.Services.GetRequiredService<ILeadership>();

    public OperatorMetrics Metrics => App.Services.GetRequiredService<OperatorMetrics>();

    public static async Task<EmulatedOperator> StartAsync(
        KubernetesEmulator emulator, string identity, ReconcileLog log, bool leaderElection = true,
        Action<IServiceCollection>? services = null)
    {
        var kubeconfig = emulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"));
        var app = OperatorApp.Build([], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Operator:Kubeconfig"] = kubeconfig,
                ["Operator:LeaderElection:Enabled"] = leaderElection ? "true" : "false",
                ["Operator:LeaderElection:Namespace"] = "default",
                ["Operator:LeaderElection:Identity"] = identity,
                ["Operator:LeaderElection:LeaseDuration"] = "00:00:03",
                ["Operator:LeaderElection:RenewDeadline"] = "00:00:02",
                ["Operator:LeaderElection:RetryPeriod"] = "00:00:00.250",
                ["Operator:Informer:MinBackoff"] = "00:00:00.050",
                ["Operator:Informer:MaxBackoff"] = "00:00:00.500",
                ["Operator:ShutdownTimeout"] = "00:00:05",
            });
            builder.Services.AddSingleton(log);
            builder.Services.AddController<V1ConfigMap, RecordingReconciler>("configmaps", c => c.MaxConcurrentReconciles(2));
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new EmulatedOperator(app, identity);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>What every replica's reconciler saw: (identity, key, data value in the cache at that time).</summary>
internal sealed class ReconcileLog
{
    public ConcurrentQueue<(string Identity, ObjectKey Key, string? Value)> Entries { get; } = new();

    public string? LastValue(ObjectKey key) => Entries.LastOrDefault(e => e.Key == key).Value;
}

/// <summary>Reads the ConfigMap from the cache and records it; optionally copies its value into an annotation.</summary>
internal sealed class RecordingReconciler(
    IInformerFactory informers, ILeadership leadership, ReconcileLog log, IKubernetesObjects objects,
    RecordingReconciler.Options? options = null) : IReconciler<V1ConfigMap>
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var cached = informers.Get<V1ConfigMap>().Get(key);
        log.Entries.Enqueue((leadership.Identity, key, ValueOf(cached?.Data, "v")));
        if (cached is null || options?.CopyToAnnotation != true)
        {
            return ReconcileResult.Done;
        }

        var value = ValueOf(cached.Data, "v");
        if (ValueOf(cached.Metadata.Annotations, "copied") == value)
        {
            return ReconcileResult.Done;
        }

        var copy = cached.DeepClone();
        copy.Metadata.Annotations ??= new Dictionary<string, string>();
        copy.Metadata.Annotations["copied"] = value ?? "";
        await objects.ReplaceAsync(copy, ct);
        return ReconcileResult.Done;
    }

    internal static string? ValueOf(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    internal sealed record Options(bool CopyToAnnotation);
}
