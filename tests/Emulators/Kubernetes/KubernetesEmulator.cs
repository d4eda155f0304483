using System.Net;
using System.Text.Json.Nodes;
using Emulators.Kubernetes.Admission;
using Emulators.Kubernetes.Api;
using Emulators.Kubernetes.Controllers;
using Emulators.Kubernetes.Faults;
using Emulators.Kubernetes.Hosting;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Registry;
using Emulators.Kubernetes.Store;
using k8s;

namespace Emulators.Kubernetes;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 for the C# client and real kubectl (semantics:
/// ../shared/reference/kubernetes-api.md Part 2). Each test starts its own instance; <see cref="Requests"/>,
/// <see cref="Faults"/> and the controller switches let the test look inside and turn knobs while it runs.
/// </summary>
internal sealed class KubernetesEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly ObjectLifecycle _lifecycle;
    private readonly ResourceRegistry _registry;
    private readonly GarbageCollector _gc;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _controllers = [];

    private KubernetesEmulator(WebApplication app, ObjectStore store, ObjectLifecycle lifecycle,
        ResourceRegistry registry, GarbageCollector gc, EmulatorFaults faults, EmulatorRequestLog requests)
    {
        _app = app;
        _store = store;
        _lifecycle = lifecycle;
        _registry = registry;
        _gc = gc;
        Faults = faults;
        Requests = requests;
        BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Every request: verb, resource, namespace, name, user agent and status.</summary>
    public EmulatorRequestLog Requests { get; }

    /// <summary>Failures, conflict storms, latency and dropped watches; armed at runtime.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>The asynchronous ownerReference garbage collector (kube-controller-manager's); on by default.</summary>
    public bool GarbageCollectionEnabled
    {
        get => _gc.Enabled;
        set => _gc.Enabled = value;
    }

    /// <summary>The current global resourceVersion.</summary>
    public long ResourceVersion => _store.CurrentRv;

    public static async Task<KubernetesEmulator> StartAsync(
        KubernetesEmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new KubernetesEmulatorOptions();
        var store = new ObjectStore(options.WatchHistorySize);
        var lifecycle = new ObjectLifecycle(store, options.Time, new ClusterIpAllocator());
        var registry = new ResourceRegistry();
        var gc = new GarbageCollector(lifecycle, registry) { Enabled = options.GarbageCollection };
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            lifecycle.Create(BuiltinTypes.Namespaces, null,
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, WriteOptions.Internal);
        }

        var faults = new EmulatorFaults();
        var requests = new EmulatorRequestLog();
        var server = new ApiServer(registry, new ResourceHandler(lifecycle, options.Time),
            new WatchHandler(store, options.Time, options.BookmarkInterval), faults, requests, options.Time,
            options.ServerMinor);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port,
            listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(ct);
        var emulator = new KubernetesEmulator(app, store, lifecycle, registry, gc, faults, requests);
        var crds = new CrdController(lifecycle, registry, options.Time);
        var namespaces = new NamespaceController(lifecycle, registry);
        var stopping = emulator._stopping.Token;
        emulator._controllers.Add(ControllerLoop.Start(store, BuiltinTypes.Crds.StoreKey, crds.Reconcile, stopping));
        emulator._controllers.Add(ControllerLoop.Start(store, null, gc.Reconcile, stopping));
        emulator._controllers.Add(ControllerLoop.Start(store, BuiltinTypes.Namespaces.StoreKey, namespaces.Reconcile, stopping));
        return emulator;
    }

    /// <summary>Writes a kubeconfig (context, cluster and user "emulator", namespace "default"); returns the path.</summary>
    public string WriteKubeconfig(string path)
    {
        File.WriteAllText(path, Kubeconfig.Render(BaseUri));
        return path;
    }

    /// <summary>A C# client for this emulator.</summary>
    public IKubernetes CreateClient() =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = BaseUri.ToString(), Namespace = "default" });

    /// <summary>Forgets the watch history: any resourceVersion older than the current one now gets 410.</summary>
    public void CompactHistory() => _store.CompactHistory();

    /// <summary>Closes every open client watch stream abruptly.</summary>
    public void DropWatches() => _store.DropWatches(s => !s.IsInternal);

    /// <summary>
    /// Reads an object without HTTP. <paramref name="kindOrPlural"/> is a Kind, plural, singular or short name.
    /// </summary>
    public Task<JsonObject?> GetAsync(string apiVersion, string kindOrPlural, string? ns, string name)
    {
        var type = Resolve(apiVersion, kindOrPlural);
        var stored = _store.Get(type.StoreKey, type.Namespaced ? ns : null, name);
        return Task.FromResult(stored is null ? null : Output.Present(type, stored));
    }

    /// <summary>Lists objects without HTTP (all namespaces when <paramref name="ns"/> is null).</summary>
    public Task<IReadOnlyList<JsonObject>> ListAsync(string apiVersion, string kindOrPlural, string? ns = null)
    {
        var type = Resolve(apiVersion, kindOrPlural);
        IReadOnlyList<JsonObject> items = [.. _store.List(type.StoreKey, ns).Select(o => Output.Present(type, o))];
        return Task.FromResult(items);
    }

    /// <summary>Creates an object without HTTP, through the same admission, validation and stamping as a POST.</summary>
    public Task<JsonObject> CreateAsync(JsonObject obj)
    {
        var type = Resolve(obj["apiVersion"].AsString() ?? "", obj["kind"].AsString() ?? "");
        var result = _lifecycle.Create(type, type.Namespaced ? obj.Namespace() ?? "default" : null, obj,
            new WriteOptions("emulator", "Strict", DryRun: false));
        return Task.FromResult(Output.Present(type, result.Object));
    }

    /// <summary>Completes when <paramref name="ct"/> fires or the host is told to stop.</summary>
    public async Task WaitForShutdownAsync(CancellationToken ct)
    {
        try
        {
            await _app.WaitForShutdownAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: a normal stop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_controllers);
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private ResourceType Resolve(string apiVersion, string kindOrPlural) =>
        _registry.Resolve(apiVersion, kindOrPlural) ??
        throw new ArgumentException($"the emulator does not serve {kindOrPlural} in {apiVersion}", nameof(kindOrPlural));
}
