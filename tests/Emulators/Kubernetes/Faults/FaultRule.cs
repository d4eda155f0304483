using Emulators.Kubernetes.Hosting;

namespace Emulators.Kubernetes.Faults;

/// <summary>One armed fault: what it does, which requests it hits, and how often (a count or a probability).</summary>
internal sealed class FaultRule(FaultKind kind, Func<RequestEntry, bool>? match, int? remaining, double? probability)
{
    private int? _remaining = remaining;

    public FaultKind Kind { get; } = kind;

    public int Status { get; init; }

    public TimeSpan Delay { get; init; }

    public int WatchEvents { get; init; }

    public bool IsSpent => _remaining is <= 0;

    public bool TryHit(RequestEntry request, Random random)
    {
        if (IsSpent || (match is not null && !match(request)))
        {
            return false;
        }

        if (probability is { } p && random.NextDouble() >= p)
        {
            return false;
        }

        if (_remaining is not null)
        {
            _remaining--;
        }

        return true;
    }
}
