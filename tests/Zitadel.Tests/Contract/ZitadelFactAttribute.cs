namespace Zitadel.Tests.Contract;

/// <summary>
/// A fact that runs only when a real ZITADEL is configured (see <see cref="RealZitadelSettings"/>); otherwise it is
/// skipped and the test output says which variables to set.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ZitadelFactAttribute : FactAttribute
{
    public const string MissingVariablesReason =
        "set ZITADEL_URL, ZITADEL_PAT (or ZITADEL_KEY_FILE) and ZITADEL_ORG_ID " +
        "to run the contract suite against a real ZITADEL";

    public ZitadelFactAttribute() => Skip = SkipReason(RealZitadelSettings.ProcessEnvironment());

    /// <summary>The skip reason for this environment, or null when the real target is configured.</summary>
    public static string? SkipReason(IReadOnlyDictionary<string, string?> environment) =>
        RealZitadelSettings.From(environment) is null ? MissingVariablesReason : null;
}
