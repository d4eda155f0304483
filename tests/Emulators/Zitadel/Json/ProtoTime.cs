using System.Globalization;

namespace Emulators.Zitadel.Json;

/// <summary>protojson <c>google.protobuf.Timestamp</c>: RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits.</summary>
internal static class ProtoTime
{
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        var format = fraction == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'"
            : fraction % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"
            : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
}
