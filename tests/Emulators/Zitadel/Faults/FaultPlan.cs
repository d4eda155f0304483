namespace Emulators.Zitadel.Faults;

/// <summary>
/// The one fault-injection mechanism: latency, 429/503 failures and dropped connections, for all calls or only
/// for named methods (short names such as <c>CreateUser</c> or <c>Token</c>). Thread-safe; tests arm it at runtime.
/// </summary>
internal sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, TimeSpan> _methodLatency = new(StringComparer.Ordinal);
    private Random _random = new(0);
    private TimeSpan _latency;
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Delays every call, or only calls of <paramref name="methods"/>, by <paramref name="latency"/>.
    /// </summary>
    public void SetLatency(TimeSpan latency, params string[] methods)
    {
        lock (_gate)
        {
            if (methods.Length == 0)
            {
                _latency = latency;
            }

            foreach (var method in methods)
            {
                _methodLatency[method] = latency;
            }
        }
    }

    /// <summary>The <c>Retry-After</c> a <see cref="FaultKind.RateLimited"/> answer carries (default 1 s).</summary>
    public TimeSpan RetryAfter
    {
        get
        {
            lock (_gate)
            {
                return _retryAfter;
            }
        }

        set
        {
            lock (_gate)
            {
                _retryAfter = value;
            }
        }
    }

    /// <summary>Applies <paramref name="kind"/> to the next <paramref name="count"/> matching calls.</summary>
    public void FailNext(int count, FaultKind kind, params string[] methods) => Arm(new(kind, methods, count, null));

    /// <summary>
    /// Applies <paramref name="kind"/> to <paramref name="percent"/> % of matching calls, drawn from a Random seeded
    /// with <paramref name="seed"/> so a run is repeatable.
    /// </summary>
    public void FailPercentage(double percent, FaultKind kind, int seed, params string[] methods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        lock (_gate)
        {
            _random = new Random(seed);
        }

        Arm(new(kind, methods, null, percent / 100));
    }

    /// <summary>Disarms everything: no latency, no failures.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _methodLatency.Clear();
            _latency = TimeSpan.Zero;
        }
    }

    public FaultDecision Decide(string method)
    {
        lock (_gate)
        {
            var latency = _methodLatency.TryGetValue(method, out var perMethod) ? perMethod : _latency;
            var hit = _rules.FirstOrDefault(rule => rule.TryHit(method, _random));
            _rules.RemoveAll(rule => rule.IsSpent);
            return new FaultDecision(latency, hit?.Kind);
        }
    }

    private void Arm(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }
}
