using Emulators.Kubernetes.Hosting;

namespace Emulators.Kubernetes.Faults;

/// <summary>
/// Fault injection, armed at runtime by tests: failures, conflict storms, latency and dropped watches. Each rule
/// has an optional predicate on the request and either a count or a probability; rules compose (latency adds up,
/// the first failing rule wins). Thread-safe.
/// </summary>
internal sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private Random _random = new(0);

    /// <summary>The Retry-After (seconds) that injected 429, 500 and 503 answers carry; default 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The next <paramref name="count"/> matching requests fail with a Status of <paramref name="status"/>.</summary>
    public void FailNext(int status, int count = 1, Func<RequestEntry, bool>? match = null) =>
        Arm(new FaultRule(FaultKind.Fail, match, count, null) { Status = status });

    /// <summary>
    /// Matching requests fail with <paramref name="status"/> with <paramref name="probability"/> (0..1), drawn from a
    /// Random seeded with <paramref name="seed"/> so a run is repeatable.
    /// </summary>
    public void FailRandomly(int status, double probability, Func<RequestEntry, bool>? match = null, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(probability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        lock (_gate)
        {
            _random = new Random(seed);
        }

        Arm(new FaultRule(FaultKind.Fail, match, null, probability) { Status = status });
    }

    /// <summary>The next <paramref name="count"/> matching writes (update, patch, delete) answer 409 Conflict.</summary>
    public void ConflictStorm(int count, Func<RequestEntry, bool>? match = null) =>
        Arm(new FaultRule(FaultKind.Conflict, r => r.Verb is "update" or "patch" or "delete" && (match?.Invoke(r) ?? true),
            count, null));

    /// <summary>Delays matching requests (all of them while armed, or the next <paramref name="count"/>).</summary>
    public void Latency(TimeSpan delay, Func<RequestEntry, bool>? match = null, int? count = null) =>
        Arm(new FaultRule(FaultKind.Latency, match, count, null) { Delay = delay });

    /// <summary>
    /// Watches opened from now on (or the next <paramref name="count"/> matching ones) are cut abruptly after
    /// <paramref name="events"/> events, without a clean end of stream.
    /// </summary>
    public void DropWatchesAfter(int events, Func<RequestEntry, bool>? match = null, int? count = null) =>
        Arm(new FaultRule(FaultKind.DropWatch, r => r.Verb == "watch" && (match?.Invoke(r) ?? true), count, null)
        {
            WatchEvents = events,
        });

    /// <summary>
    /// Watches opened from now on (or the next <paramref name="count"/> matching ones) send an ERROR event (500) in
    /// place of their first change, then stream on: that change is lost to a client that reads past the error.
    /// </summary>
    public void GarbleWatches(Func<RequestEntry, bool>? match = null, int? count = null) =>
        Arm(new FaultRule(FaultKind.GarbleWatch, r => r.Verb == "watch" && (match?.Invoke(r) ?? true), count, null));

    /// <summary>Disarms every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal FaultDecision Decide(RequestEntry request)
    {
        lock (_gate)
        {
            var delay = TimeSpan.Zero;
            FaultRule? failure = null;
            int? dropAfter = null;
            var garble = false;
            foreach (var rule in _rules)
            {
                switch (rule.Kind)
                {
                    case FaultKind.Latency when rule.TryHit(request, _random):
                        delay += rule.Delay;
                        break;
                    case FaultKind.DropWatch when dropAfter is null && rule.TryHit(request, _random):
                        dropAfter = rule.WatchEvents;
                        break;
                    case FaultKind.GarbleWatch when !garble && rule.TryHit(request, _random):
                        garble = true;
                        break;
                    case FaultKind.Fail or FaultKind.Conflict when failure is null && rule.TryHit(request, _random):
                        failure = rule;
                        break;
                    default:
                        break;
                }
            }

            _rules.RemoveAll(rule => rule.IsSpent);
            return new FaultDecision(delay, failure, dropAfter, garble);
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
