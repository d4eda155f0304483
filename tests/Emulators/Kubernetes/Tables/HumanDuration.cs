namespace Emulators.Kubernetes.Tables;

/// <summary>Ages as kubectl prints them (<c>5m</c>, <c>3h12m</c>, <c>2d</c>), computed on the server for Tables.</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        var s = (long)Math.Max(0, d.TotalSeconds);
        var m = s / 60;
        var h = m / 60;
        var days = h / 24;
        var years = days / 365;
        return s switch
        {
            _ when s < 120 => $"{s}s",
            _ when m < 10 => s % 60 == 0 ? $"{m}m" : $"{m}m{s % 60}s",
            _ when m < 180 => $"{m}m",
            _ when h < 8 => m % 60 == 0 ? $"{h}h" : $"{h}h{m % 60}m",
            _ when h < 48 => $"{h}h",
            _ when h < 24 * 8 => h % 24 == 0 ? $"{days}d" : $"{days}d{h % 24}h",
            _ when days < 365 * 2 => $"{days}d",
            _ when days < 365 * 8 => days % 365 == 0 ? $"{years}y" : $"{years}y{days % 365}d",
            _ => $"{years}y",
        };
    }
}
