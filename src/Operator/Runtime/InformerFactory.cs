using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Operator.Runtime;

/// <summary>A shared informer to run from the start, with its label selector (registered with AddInformer).</summary>
internal sealed record InformerRegistration(Type Type, string? LabelSelector, Func<IInformerFactory, IInformer> Create);

/// <summary>
/// Creates one shared informer per type and runs them from <see cref="Start"/> until <see cref="StopAsync"/>.
/// Informers run on every replica (standbys keep a warm cache); only workers wait for leadership.
/// </summary>
internal sealed class InformerFactory(
    IKubernetes client,
    IOptions<OperatorOptions> options,
    IEnumerable<InformerRegistration> registrations,
    OperatorMetrics metrics,
    ILoggerFactory loggers,
    TimeProvider time) : IInformerFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Type, Lazy<IInformer>> _informers = new();
    private readonly ConcurrentBag<Task> _running = [];
    private readonly InformerRegistration[] _registrations = [.. registrations];
    private readonly Dictionary<Type, string?> _selectors = Selectors(registrations);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private bool _started;
    private int _disposed;

    /// <summary>Every informer created so far.</summary>
    public IReadOnlyList<IInformer> Informers => [.. _informers.Values.Select(i => i.Value)];

    /// <summary>True when every informer has synced (true when there are none).</summary>
    public bool AllSynced => _informers.Values.All(i => i.Value.HasSynced);

    public IInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        (IInformer<T>)_informers.GetOrAdd(typeof(T), _ => new Lazy<IInformer>(Create<T>)).Value;

    /// <summary>Starts the registered informers and every one created later.</summary>
    public void Start()
    {
        lock (_lock)
        {
            _started = true;
        }

        foreach (var registration in _registrations)
        {
            registration.Create(this);
        }

        foreach (var informer in _informers.Values.Select(i => i.Value))
        {
            Run(informer);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Note: DI disposes this once per registration (the class and IInformerFactory).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private Informer<T> Create<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var settings = options.Value;
        var informer = new Informer<T>(
            client, [.. NamespacesOf(settings)], _selectors.GetValueOrDefault(typeof(T)), settings.Informer, metrics,
            loggers.CreateLogger<Informer<T>>(), time);
        lock (_lock)
        {
            if (_started)
            {
                Run(informer);
            }
        }

        return informer;
    }

    private void Run(IInformer informer)
    {
        if (((IRunnableInformer)informer).StartOnce(_stop.Token) is { } running)
        {
            _running.Add(running);
        }
    }

    /// <summary>The configured namespaces; a single comma-separated entry is split too.</summary>
    internal static IEnumerable<string> NamespacesOf(OperatorOptions settings) =>
        settings.Namespaces
            .SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal);

    private static Dictionary<Type, string?> Selectors(IEnumerable<InformerRegistration> registrations)
    {
        var selectors = new Dictionary<Type, string?>();
        foreach (var registration in registrations)
        {
            if (selectors.TryGetValue(registration.Type, out var existing) && existing != registration.LabelSelector)
            {
                throw new InvalidOperationException(
                    $"The informer of {registration.Type.Name} is registered with two label selectors " +
                    $"('{existing}' and '{registration.LabelSelector}'); informers are shared, so use one.");
            }

            selectors[registration.Type] = registration.LabelSelector;
        }

        return selectors;
    }
}
