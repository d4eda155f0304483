namespace Zitadel;

/// <summary>When and how often a failed ZITADEL call is sent again.</summary>
/// <remarks>Which failures are retried depends on the call; see <see cref="Transport.RetrySafety"/>.</remarks>
internal sealed class ZitadelRetryOptions
{
    /// <summary>Attempts per call including the first; 1 disables retries. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The backoff ceiling of the first retry. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest computed backoff. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest <c>Retry-After</c> honoured; longer requests wait this long. Default 30 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
