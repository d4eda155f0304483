using System.Diagnostics;
using ScimBench;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

public sealed class LatencyStatsTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(99, 99)]
    [InlineData(99.5, 100)]
    [InlineData(100, 100)]
    [InlineData(0.1, 1)]
    public void Percentile_OneToHundred_ReturnsNearestRank(double percent, long expected)
    {
        var values = Enumerable.Range(1, 100).Select(i => (long)i).ToArray();

        Assert.Equal(expected, LatencyStats.Percentile(values, percent));
    }

    [Fact]
    public void Percentile_NoValues_ReturnsZero()
    {
        Assert.Equal(0, LatencyStats.Percentile([], 99));
    }

    [Fact]
    public void From_UnsortedTicks_SortsAndConvertsToMilliseconds()
    {
        var ms = Stopwatch.Frequency / 1000;
        long[] ticks = [5 * ms, 1 * ms, 3 * ms, 2 * ms, 4 * ms];

        var stats = LatencyStats.From("op", ticks, errors: 2, seconds: 2.5);

        Assert.Equal(5, stats.Requests);
        Assert.Equal(2, stats.Errors);
        Assert.Equal(2.0, stats.RequestsPerSecond);
        Assert.Equal(3.0, stats.P50Ms, 3);
        Assert.Equal(5.0, stats.P99Ms, 3);
        Assert.Equal(5.0, stats.MaxMs, 3);
    }
}
