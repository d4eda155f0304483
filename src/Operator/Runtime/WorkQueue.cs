namespace Operator.Runtime;

/// <summary>
/// A keyed work queue with client-go semantics: a key waiting to be processed is held once however often it is
/// added; a key is handed to one worker at a time, and a key added while being processed is handed out again after
/// <see cref="Done"/>. Adds support a delay (<see cref="AddAfter"/>) and per-key exponential backoff
/// (<see cref="AddRateLimited(T)"/>, reset by <see cref="Forget"/>). Nothing is ever dropped except by shutdown.
/// </summary>
internal sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly Dictionary<T, long> _addedAt = [];
    private readonly Dictionary<T, long> _processing = [];
    private readonly Dictionary<T, Delayed> _delayed = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly SemaphoreSlim _ready = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    /// <summary>The longest delay <see cref="AddAfter"/> waits; longer ones wake the key then.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly WorkQueueMetrics? _metrics;

    public WorkQueue(TimeProvider time, TimeSpan baseDelay, TimeSpan maxDelay, WorkQueueMetrics? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _time = time;
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _metrics = metrics;
    }

    /// <summary>Keys ready to be handed out (not counting keys in flight or waiting on a delay).</summary>
    public int Depth
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Keys waiting on <see cref="AddAfter"/> or a backoff.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_lock)
            {
                return _delayed.Count;
            }
        }
    }

    public bool IsShutDown => _shutdown.IsCancellationRequested;

    public void Add(T item)
    {
        lock (_lock)
        {
            AddLocked(item);
        }
    }

    /// <summary>
    /// Adds <paramref name="item"/> once <paramref name="delay"/> has passed. When the key is already waiting, the
    /// earlier of the two times wins; a plain <see cref="Add"/> meanwhile does not cancel the delayed add.
    /// </summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        // Timers take at most ~49.7 days, and a key's next deadline can be months away (a 90-day key warns at day
        // 76). Reconciles are level-triggered, so waking earlier is harmless: the reconcile computes the delay again.
        if (delay > MaxDelay)
        {
            delay = MaxDelay;
        }

        lock (_lock)
        {
            if (IsShutDown)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(item, out var existing))
            {
                if (existing.Due <= due)
                {
                    return;
                }

                existing.Timer?.Dispose();
            }

            var entry = new Delayed(item, due);
            _delayed[item] = entry;

            // Note: the callback takes _lock, so it cannot observe the entry before Timer is assigned.
            entry.Timer = _time.CreateTimer(OnDelayElapsed, entry, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Adds after the key's backoff (base × 2^failures, capped) and counts a failure.</summary>
    public void AddRateLimited(T item) => AddAfter(item, NextBackoff(item, _maxDelay));

    /// <summary>As <see cref="AddRateLimited(T)"/>, with the delay capped at <paramref name="cap"/> (quick retries).</summary>
    public void AddRateLimited(T item, TimeSpan cap) => AddAfter(item, NextBackoff(item, cap < _maxDelay ? cap : _maxDelay));

    /// <summary>Resets the key's backoff, after a successful pass.</summary>
    public void Forget(T item)
    {
        lock (_lock)
        {
            _failures.Remove(item);
        }
    }

    public int NumRequeues(T item)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(item);
        }
    }

    /// <summary>
    /// Waits for a key and marks it in flight; call <see cref="Done"/> when finished with it.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="ct"/> is cancelled or the queue shuts down.
    /// </summary>
    public async Task<T> GetAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
        await _ready.WaitAsync(linked.Token).ConfigureAwait(false);
        lock (_lock)
        {
            if (IsShutDown)
            {
                _ready.Release();
                throw new OperationCanceledException("The work queue has shut down.", _shutdown.Token);
            }

            var item = _queue.Dequeue();
            _dirty.Remove(item);
            var now = _time.GetTimestamp();
            _processing[item] = now;
            if (_addedAt.Remove(item, out var added))
            {
                _metrics?.QueueDuration.Observe(_time.GetElapsedTime(added, now).TotalSeconds);
            }

            _metrics?.Depth.Set(_queue.Count);
            return item;
        }
    }

    /// <summary>Ends processing of <paramref name="item"/>; hands it out again if it was added meanwhile.</summary>
    public void Done(T item)
    {
        lock (_lock)
        {
            if (_processing.Remove(item, out var started))
            {
                _metrics?.WorkDuration.Observe(_time.GetElapsedTime(started).TotalSeconds);
            }

            if (_dirty.Contains(item) && !IsShutDown)
            {
                Enqueue(item);
            }
        }
    }

    /// <summary>Stops handing out keys; keys in flight may still call <see cref="Done"/>.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            if (IsShutDown)
            {
                return;
            }

            _shutdown.Cancel();
            foreach (var entry in _delayed.Values)
            {
                entry.Timer?.Dispose();
            }

            _delayed.Clear();
        }
    }

    /// <summary>Publishes the in-flight gauges (unfinished work and longest running processor).</summary>
    public void UpdateInFlightMetrics()
    {
        if (_metrics is null)
        {
            return;
        }

        double total = 0, longest = 0;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            foreach (var started in _processing.Values)
            {
                var seconds = _time.GetElapsedTime(started, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }
        }

        _metrics.UnfinishedWork.Set(total);
        _metrics.LongestRunning.Set(longest);
    }

    public void Dispose()
    {
        ShutDown();
        _shutdown.Dispose();
        _ready.Dispose();
    }

    /// <summary>The backoff for the key's next retry: base × 2^failures, at most <paramref name="cap"/>.</summary>
    private TimeSpan NextBackoff(T item, TimeSpan cap)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
        }

        _metrics?.Retries.Inc();
        var ms = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 62));
        return ms >= cap.TotalMilliseconds ? cap : TimeSpan.FromMilliseconds(ms);
    }

    private void AddLocked(T item)
    {
        if (IsShutDown)
        {
            return;
        }

        _metrics?.Adds.Inc();
        if (!_dirty.Add(item))
        {
            return;
        }

        _addedAt[item] = _time.GetTimestamp();
        if (!_processing.ContainsKey(item))
        {
            Enqueue(item);
        }
    }

    private void Enqueue(T item)
    {
        _queue.Enqueue(item);
        _metrics?.Depth.Set(_queue.Count);
        _ready.Release();
    }

    private void OnDelayElapsed(object? state)
    {
        var entry = (Delayed)state!;
        lock (_lock)
        {
            if (!_delayed.TryGetValue(entry.Item, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            _delayed.Remove(entry.Item);
            entry.Timer?.Dispose();
            AddLocked(entry.Item);
        }
    }

    private sealed class Delayed(T item, DateTimeOffset due)
    {
        public T Item { get; } = item;

        public DateTimeOffset Due { get; } = due;

        public ITimer? Timer { get; set; }
    }
}
