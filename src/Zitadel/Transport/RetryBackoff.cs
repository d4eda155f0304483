namespace Zitadel.Transport;

/// <summary>Full-jitter exponential backoff: a random delay in [0, min(cap, base · 2^(attempt-1))].</summary>
/// <remarks>A server's <c>Retry-After</c> wins over the computed delay, capped by
/// <see cref="ZitadelRetryOptions.MaxRetryAfter"/>.</remarks>
internal sealed class RetryBackoff(ZitadelRetryOptions options, Func<double> nextUnitInterval)
{
    public RetryBackoff(ZitadelRetryOptions options)
        : this(options, Random.Shared.NextDouble)
    {
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            return requested <= TimeSpan.Zero ? TimeSpan.Zero
                : requested < options.MaxRetryAfter ? requested
                : options.MaxRetryAfter;
        }

        var ceiling = Math.Min(
            options.MaxDelay.TotalMilliseconds,
            options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling * nextUnitInterval());
    }
}
