namespace Zitadel.Tests.Contract;

public sealed class ZitadelFactAttributeTests
{
    public static TheoryData<string, string?, string?, string?, string?> Missing => new()
    {
        { "nothing set", null, null, null, null },
        { "no URL", null, "pat", null, "org" },
        { "no credential", "https://zitadel.example.com", null, null, "org" },
        { "blank PAT, no key file", "https://zitadel.example.com", "  ", null, "org" },
        { "no org", "https://zitadel.example.com", "pat", null, null },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public void SkipReason_VariableMissing_ReturnsTheReason(
        string because, string? url, string? pat, string? keyFile, string? org)
    {
        var reason = ZitadelFactAttribute.SkipReason(Environment(url, pat, keyFile, org));

        Assert.True(reason == ZitadelFactAttribute.MissingVariablesReason, because);
    }

    [Theory]
    [InlineData("pat", null)]
    [InlineData(null, "/keys/scim.json")]
    public void SkipReason_UrlCredentialAndOrgSet_ReturnsNull(string? pat, string? keyFile)
    {
        var reason = ZitadelFactAttribute.SkipReason(Environment("https://zitadel.example.com", pat, keyFile, "org"));

        Assert.Null(reason);
    }

    [Fact]
    public void From_PatAndKeyFileSet_PrefersThePat()
    {
        var settings = RealZitadelSettings.From(Environment("https://zitadel.example.com", "pat", "/k.json", "org-1"));

        Assert.Equal(new RealZitadelSettings(new Uri("https://zitadel.example.com"), "pat", null, "org-1"), settings);
    }

    [Fact]
    public void MissingVariablesReason_NamesEveryVariable()
    {
        Assert.Equal(
            "set ZITADEL_URL, ZITADEL_PAT (or ZITADEL_KEY_FILE) and ZITADEL_ORG_ID "
                + "to run the contract suite against a real ZITADEL",
            ZitadelFactAttribute.MissingVariablesReason);
    }

    private static Dictionary<string, string?> Environment(string? url, string? pat, string? keyFile, string? org) =>
        new(StringComparer.Ordinal)
        {
            [RealZitadelSettings.UrlVariable] = url,
            [RealZitadelSettings.PatVariable] = pat,
            [RealZitadelSettings.KeyFileVariable] = keyFile,
            [RealZitadelSettings.OrganizationVariable] = org,
        };
}
