using System.Globalization;
using System.Text;

namespace ScimBench;

/// <summary>Renders measurements as a plain, aligned text table.</summary>
internal static class ResultTable
{
    private static readonly string[] Header = ["operation", "req/s", "p50 ms", "p99 ms", "max ms", "requests", "errors"];

    public static string Format(IEnumerable<LatencyStats> rows) =>
        Align(Header, rows.Select(row => new[]
        {
            row.Operation,
            Number(row.RequestsPerSecond, "F0"),
            Number(row.P50Ms, "F2"),
            Number(row.P99Ms, "F2"),
            Number(row.MaxMs, "F1"),
            Number(row.Requests, "N0"),
            Number(row.Errors, "N0"),
        }));

    /// <summary>Aligns a header and rows of cells: the first column is text (left), the others numbers (right).</summary>
    public static string Align(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var cells = new List<string[]> { header.ToArray() };
        cells.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(column => cells.Max(line => line[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in cells)
        {
            text.Append(line[0].PadRight(widths[0]));
            for (var column = 1; column < line.Length; column++)
            {
                text.Append("  ").Append(line[column].PadLeft(widths[column]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
