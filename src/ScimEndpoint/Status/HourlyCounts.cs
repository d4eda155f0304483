namespace ScimEndpoint.Status;

/// <summary>
/// Requests and failures over the last hour in 60 one-minute buckets, rolled by the minute of the
/// <see cref="TimeProvider"/>. Counting is two interlocked increments; a lock is taken only to reset a bucket when
/// its minute comes round again.
/// </summary>
internal sealed class HourlyCounts
{
    private const int Buckets = 60;

    private readonly long[] _minutes = new long[Buckets];
    private readonly long[] _requests = new long[Buckets];
    private readonly long[] _failures = new long[Buckets];
    private readonly Lock _reset = new();

    public HourlyCounts()
    {
        Array.Fill(_minutes, long.MinValue);
    }

    public void Add(DateTimeOffset now, bool failure)
    {
        var minute = MinuteOf(now);
        var slot = (int)(minute % Buckets);
        if (Volatile.Read(ref _minutes[slot]) != minute)
        {
            lock (_reset)
            {
                if (_minutes[slot] != minute)
                {
                    _requests[slot] = 0;
                    _failures[slot] = 0;
                    Volatile.Write(ref _minutes[slot], minute);
                }
            }
        }

        Interlocked.Increment(ref _requests[slot]);
        if (failure)
        {
            Interlocked.Increment(ref _failures[slot]);
        }
    }

    /// <summary>The sums over the current minute and the 59 before it.</summary>
    public (long Requests, long Failures) LastHour(DateTimeOffset now)
    {
        var current = MinuteOf(now);
        long requests = 0, failures = 0;
        for (var slot = 0; slot < Buckets; slot++)
        {
            var minute = Volatile.Read(ref _minutes[slot]);
            if (minute > current - Buckets && minute <= current)
            {
                requests += Interlocked.Read(ref _requests[slot]);
                failures += Interlocked.Read(ref _failures[slot]);
            }
        }

        return (requests, failures);
    }

    private static long MinuteOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;
}
