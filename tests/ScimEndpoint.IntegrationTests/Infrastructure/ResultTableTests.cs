using ScimBench;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

public sealed class ResultTableTests
{
    [Fact]
    public void Format_TwoRows_AlignsColumnsUnderHeader()
    {
        LatencyStats[] rows =
        [
            new("GET /Users/{id}", 50_000, 0, 10, 0.5, 2.25, 12.5),
            new("POST /Users", 1_234, 3, 2, 10, 99.999, 150),
        ];

        var lines = ResultTable.Format(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "operation        req/s  p50 ms  p99 ms  max ms  requests  errors",
                "GET /Users/{id}   5000    0.50    2.25    12.5    50,000       0",
                "POST /Users        617   10.00  100.00   150.0     1,234       3",
            ],
            lines);
    }
}
