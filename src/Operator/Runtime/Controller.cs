using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Operator.Runtime;

/// <summary>
/// Runs one reconciler: keys from the informers go into a <see cref="WorkQueue{T}"/>; once every informer has
/// synced and this replica leads, N workers take keys and call the reconciler, one key at a time per key.
/// </summary>
internal sealed class Controller<TEntity, TReconciler> : IController, IDisposable
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
    where TReconciler : IReconciler<TEntity>
{
    private readonly ControllerBuilder<TEntity> _builder;
    private readonly IInformerFactory _informers;
    private readonly ILeadership _leadership;
    private readonly IServiceScopeFactory _scopes;
    private readonly OperatorOptions _options;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _inFlight;

    public Controller(
        string name, ControllerBuilder<TEntity> builder, IInformerFactory informers, ILeadership leadership,
        IServiceScopeFactory scopes, IOptions<OperatorOptions> options, OperatorMetrics metrics, TimeProvider time,
        ILogger<Controller<TEntity, TReconciler>> logger)
    {
        Name = name;
        _builder = builder;
        _informers = informers;
        _leadership = leadership;
        _scopes = scopes;
        _options = options.Value;
        _metrics = metrics.ForController(name, builder.Concurrency);
        _time = time;
        _logger = logger;
        Queue = new WorkQueue<ObjectKey>(
            time, _options.WorkQueue.BaseDelay, _options.WorkQueue.MaxDelay, metrics.ForQueue(name));
        metrics.BeforeCollect(Queue.UpdateInFlightMetrics);
    }

    public string Name { get; }

    internal WorkQueue<ObjectKey> Queue { get; }

    public async Task RunAsync(CancellationToken stopping)
    {
        var subscriptions = new List<IDisposable>();
        var informers = new List<IInformer>();
        try
        {
            var batcher = _builder.BatchDelay > TimeSpan.Zero ? new KeyBatcher(_builder.BatchDelay, Queue.Add) : null;
            foreach (var (source, batched) in _builder.Sources)
            {
                Action<ObjectKey> enqueue = batched && batcher is not null ? batcher.Add : Queue.Add;
                informers.Add(source(_informers, enqueue, out var subscription));
                subscriptions.Add(subscription);
            }

            await Task.WhenAll(informers.Select(i => i.WaitForSyncAsync(stopping))).ConfigureAwait(false);
            await _leadership.WaitForLeadershipAsync(stopping).ConfigureAwait(false);
            await RunWorkersAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped before the workers started.
        }
        finally
        {
            Queue.ShutDown();
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    public void Dispose() => Queue.Dispose();

    private async Task RunWorkersAsync(CancellationToken stopping)
    {
        // Reconciles are cancelled when leadership is lost (another replica may already act), or when the drain
        // after a normal stop takes longer than the shutdown timeout.
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(_leadership.LeadershipLost);
        var workers = Enumerable.Range(0, _builder.Concurrency)
            .Select(_ => Task.Run(() => WorkerAsync(stopping, hardStop.Token), CancellationToken.None))
            .ToArray();
        RuntimeLog.ControllerStarted(_logger, Name, workers.Length);
        var all = Task.WhenAll(workers);
        await Task.WhenAny(all, Task.Delay(Timeout.Infinite, stopping)).ConfigureAwait(false);
        Queue.ShutDown();
        RuntimeLog.ControllerStopping(_logger, Name, Volatile.Read(ref _inFlight));
        var timeout = Task.Delay(_options.ShutdownTimeout, _time, CancellationToken.None);
        if (await Task.WhenAny(all, timeout).ConfigureAwait(false) != all)
        {
            RuntimeLog.DrainTimedOut(_logger, Name, (long)_options.ShutdownTimeout.TotalMilliseconds);
            await hardStop.CancelAsync().ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
        RuntimeLog.ControllerStopped(_logger, Name);
    }

    private async Task WorkerAsync(CancellationToken stopping, CancellationToken hardStop)
    {
        while (true)
        {
            ObjectKey key;
            try
            {
                key = await Queue.GetAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ReconcileAsync(key, hardStop).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        Interlocked.Increment(ref _inFlight);
        _metrics.ActiveWorkers.Inc();
        var started = _time.GetTimestamp();
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["Controller"] = Name,
            ["Namespace"] = key.Namespace,
            ["Name"] = key.Name,
        });
        try
        {
            var scopeProvider = _scopes.CreateAsyncScope();
            await using (scopeProvider.ConfigureAwait(false))
            {
                var reconciler = scopeProvider.ServiceProvider.GetRequiredService<TReconciler>();
                var result = await reconciler.ReconcileAsync(key, ct).ConfigureAwait(false);
                Queue.Forget(key);
                if (result.RequeueAfter is { } delay && delay > TimeSpan.Zero)
                {
                    Queue.AddAfter(key, delay);
                    _metrics.RequeueAfter.Inc();
                }
                else
                {
                    _metrics.Success.Inc();
                }
            }

            RuntimeLog.Reconciled(_logger, Name, key.ToString(), _time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down or no longer leader: the key is not lost, the next leader lists everything again.
        }
        catch (Exception e) when (e.IsConflict())
        {
            // A stale read lost an optimistic-concurrency race: normal, so retried quickly and not an error.
            _metrics.Requeue.Inc();
            RuntimeLog.ReconcileConflict(_logger, Name, key.ToString());
            Queue.AddRateLimited(key, _options.WorkQueue.ConflictMaxDelay);
        }
#pragma warning disable CA1031 // Any reconcile failure is retried with backoff; the runtime is the one place to log it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _metrics.Error.Inc();
            _metrics.Errors.Inc();
            RuntimeLog.ReconcileFailed(
                _logger, Name, key.ToString(), e.GetType().Name, (int?)ApiErrors.StatusOf(e), ApiErrors.Reason(e),
                Queue.NumRequeues(key));
            RuntimeLog.ReconcileFailedDetail(_logger, e, Name, key.ToString());
            Queue.AddRateLimited(key);
        }
        finally
        {
            _metrics.Time.Observe(_time.GetElapsedTime(started).TotalSeconds);
            _metrics.ActiveWorkers.Dec();
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
