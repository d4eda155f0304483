namespace ScimEndpoint.Status;

/// <summary>
/// When <see cref="ProvisioningStatusReporter"/> runs: every <paramref name="Interval"/> plus up to
/// <paramref name="MaxJitter"/>, counted from the end of the previous pass. Built from
/// <see cref="ProvisioningStatusSettings.Interval"/> (at least 10 s); tests may register a shorter one, configuration
/// cannot.
/// </summary>
internal sealed record ProvisioningStatusTiming(TimeSpan Interval, TimeSpan MaxJitter)
{
    public static readonly TimeSpan DefaultJitter = TimeSpan.FromSeconds(2);

    public TimeSpan NextDelay() => Interval + MaxJitter * Random.Shared.NextDouble();
}
