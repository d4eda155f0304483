using System.Diagnostics;

namespace ScimBench;

/// <summary>Throughput and latency of one measured operation.</summary>
internal sealed record LatencyStats(
    string Operation, long Requests, long Errors, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;

    /// <summary>Summarizes latencies given in <see cref="Stopwatch"/> ticks.</summary>
    public static LatencyStats From(string operation, IEnumerable<long> latencyTicks, long errors, double seconds)
    {
        var sorted = latencyTicks.ToArray();
        Array.Sort(sorted);
        return new LatencyStats(
            operation,
            sorted.Length,
            errors,
            seconds,
            ToMilliseconds(Percentile(sorted, 50)),
            ToMilliseconds(Percentile(sorted, 99)),
            ToMilliseconds(sorted.Length == 0 ? 0 : sorted[^1]));
    }

    /// <summary>Nearest-rank percentile of ascending values: the smallest value with at least p % at or below it.</summary>
    public static long Percentile(IReadOnlyList<long> ascending, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (ascending.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * ascending.Count);
        return ascending[Math.Clamp(rank, 1, ascending.Count) - 1];
    }

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
