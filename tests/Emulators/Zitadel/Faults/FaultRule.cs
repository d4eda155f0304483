namespace Emulators.Zitadel.Faults;

/// <summary>One armed fault: for the given methods (all when empty), the next N calls or a share of calls.</summary>
internal sealed class FaultRule(FaultKind kind, IReadOnlyCollection<string> methods, int? remaining, double? share)
{
    public FaultKind Kind { get; } = kind;

    public int? Remaining { get; private set; } = remaining;

    public bool IsSpent => Remaining is <= 0;

    /// <summary>Whether this rule hits the call; consumes one of the remaining hits when it does.</summary>
    public bool TryHit(string method, Random random)
    {
        if (IsSpent || (methods.Count > 0 && !methods.Contains(method)))
        {
            return false;
        }

        if (share is { } probability)
        {
            return random.NextDouble() < probability;
        }

        Remaining--;
        return true;
    }
}
