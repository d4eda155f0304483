namespace Zitadel.Tests.Contract;

/// <summary>
/// A real ZITADEL configured by <see cref="RealZitadelSettings"/>; the suite works in the configured org and
/// deletes what it created on dispose.
/// </summary>
internal sealed class RealZitadelTarget(RealZitadelSettings settings)
    : ZitadelContractTarget(settings.Url, settings.OrganizationId, options =>
    {
        options.PersonalAccessToken = settings.PersonalAccessToken;
        options.KeyFilePath = settings.KeyFile;
    })
{
    /// <summary>Reads the environment; only called by tests that <see cref="ZitadelFactAttribute"/> let run.</summary>
    public static RealZitadelTarget FromEnvironment() =>
        new(RealZitadelSettings.From(RealZitadelSettings.ProcessEnvironment())
            ?? throw new InvalidOperationException(ZitadelFactAttribute.MissingVariablesReason));
}
