using System.Globalization;
using System.Text.RegularExpressions;

namespace Operator.Keys;

/// <summary>
/// Go-style durations as Kubernetes APIs write them (<c>2160h</c>, <c>1h30m</c>, <c>90s</c>, <c>1.5h</c>): one or
/// more decimal numbers, each with a unit h, m or s. The CRD's pattern allows exactly this.
/// </summary>
internal static partial class GoDuration
{
    /// <summary>Longest duration accepted (100 years), so arithmetic on instants cannot overflow.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(36_500);

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !Whole().IsMatch(text))
        {
            return false;
        }

        double seconds = 0;
        foreach (Match part in Part().Matches(text))
        {
            var number = double.Parse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            seconds += part.Groups[2].Value switch
            {
                "h" => number * 3600,
                "m" => number * 60,
                _ => number,
            };
        }

        if (seconds > Max.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
