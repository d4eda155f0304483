using System.Collections;

namespace Zitadel.Tests.Contract;

/// <summary>Where the real ZITADEL of the contract suite is, read from the environment.</summary>
/// <param name="Url">ZITADEL_URL: the instance's base URL.</param>
/// <param name="PersonalAccessToken">ZITADEL_PAT: a PAT of a machine user with ORG_OWNER on the org.</param>
/// <param name="KeyFile">ZITADEL_KEY_FILE: the path of that machine user's key file (JWT profile), instead of a PAT.
/// </param>
/// <param name="OrganizationId">ZITADEL_ORG_ID: the org the suite creates its users, projects and grants in.</param>
internal sealed record RealZitadelSettings(
    Uri Url, string? PersonalAccessToken, string? KeyFile, string OrganizationId)
{
    public const string UrlVariable = "ZITADEL_URL";
    public const string PatVariable = "ZITADEL_PAT";
    public const string KeyFileVariable = "ZITADEL_KEY_FILE";
    public const string OrganizationVariable = "ZITADEL_ORG_ID";

    /// <summary>The settings, or null when a variable is missing (a PAT wins over a key file when both are set).
    /// </summary>
    /// <exception cref="UriFormatException">ZITADEL_URL is set but is not an absolute URL.</exception>
    public static RealZitadelSettings? From(IReadOnlyDictionary<string, string?> environment)
    {
        var url = Read(environment, UrlVariable);
        var pat = Read(environment, PatVariable);
        var keyFile = Read(environment, KeyFileVariable);
        var organizationId = Read(environment, OrganizationVariable);
        if (url is null || organizationId is null || (pat is null && keyFile is null))
        {
            return null;
        }

        var onlyKeyFile = pat is null ? keyFile : null;
        return new RealZitadelSettings(new Uri(url, UriKind.Absolute), pat, onlyKeyFile, organizationId);
    }

    /// <summary>This process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);

    public override string ToString() => $"RealZitadelSettings {{ Url = {Url}, OrganizationId = {OrganizationId} }}";

    private static string? Read(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
