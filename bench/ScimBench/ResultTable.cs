using System.Globalization;
using System.Text;

namespace ScimBench;

/// <summary>Renders measurements as a plain, aligned text table.</summary>
internal static class ResultTable
{
    private static readonly string[] Header = ["operation", "req/s", "p50 ms", "p99 ms", "max ms", "requests", "errors"];

    public static string Format(IEnumerable<LatencyStats> rows)
    {
        var cells = new List<string[]> { Header };
        cells.AddRange(rows.Select(row => new[]
        {
            row.Operation,
            Number(row.RequestsPerSecond, "F0"),
            Number(row.P50Ms, "F2"),
            Number(row.P99Ms, "F2"),
            Number(row.MaxMs, "F1"),
            Number(row.Requests, "N0"),
            Number(row.Errors, "N0"),
        }));

        var widths = Enumerable.Range(0, Header.Length).Select(column => cells.Max(line => line[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in cells)
        {
            // The first column is text (left-aligned); the others are numbers (right-aligned).
            text.Append(line[0].PadRight(widths[0]));
            for (var column = 1; column < line.Length; column++)
            {
                text.Append("  ").Append(line[column].PadLeft(widths[column]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
