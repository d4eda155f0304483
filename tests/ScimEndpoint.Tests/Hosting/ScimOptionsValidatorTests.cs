using ScimEndpoint.Hosting;

namespace ScimEndpoint.Tests.Hosting;

public sealed class ScimOptionsValidatorTests
{
    [Fact]
    public void Validate_InMemoryStoreWithoutZitadelSettings_Succeeds()
    {
        var result = new ScimOptionsValidator().Validate(null, new ScimOptions { KeySetPath = "/k.json" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("/k.json", "acme-scim-keyset")]
    public void Validate_NeedsExactlyOneKeySetSource(string path, string secret)
    {
        var result = new ScimOptionsValidator().Validate(null, new ScimOptions { KeySetPath = path, KeySetSecretName = secret });

        Assert.True(result.Failed);
        Assert.Contains("exactly one of Scim:KeySetPath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeySetSecretAlone_Succeeds()
    {
        var result = new ScimOptionsValidator().Validate(null, new ScimOptions { KeySetSecretName = "acme-scim-keyset" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ZitadelStoreWithoutSettings_NamesEveryMissingKey()
    {
        var result = new ScimOptionsValidator().Validate(null, new ScimOptions { KeySetPath = "/k.json", Store = ScimStoreKind.Zitadel });

        Assert.True(result.Failed);
        Assert.Contains("Scim:Zitadel:Url", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:Zitadel:OrganizationId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:Zitadel:ProjectId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:Zitadel:PersonalAccessToken", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZitadelStoreWithBothCredentials_IsRefusedWithoutShowingThem()
    {
        var options = new ScimOptions
        {
            KeySetPath = "/k.json",
            Store = ScimStoreKind.Zitadel,
            Zitadel = new ZitadelSettings
            {
                Url = new Uri("https://acme.zitadel.cloud"),
                OrganizationId = "123",
                PersonalAccessToken = "pat-secret-value",
                KeyFilePath = "/etc/zitadel/key.json",
            },
        };

        var result = new ScimOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("exactly one", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("pat-secret-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteZitadelSettings_Succeed()
    {
        var options = new ScimOptions
        {
            KeySetPath = "/k.json",
            Store = ScimStoreKind.Zitadel,
            Zitadel = new ZitadelSettings
            {
                Url = new Uri("https://acme.zitadel.cloud"), OrganizationId = "123", ProjectId = "456", KeyFilePath = "/etc/zitadel/key.json",
            },
        };

        Assert.True(new ScimOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Validate_ZitadelStoreWithoutProject_IsRefusedBecauseGroupsNeedIt(string? projectId)
    {
        var options = new ScimOptions
        {
            KeySetPath = "/k.json",
            Store = ScimStoreKind.Zitadel,
            Zitadel = new ZitadelSettings
            {
                Url = new Uri("https://acme.zitadel.cloud"), OrganizationId = "123", ProjectId = projectId, KeyFilePath = "/etc/zitadel/key.json",
            },
        };

        var result = new ScimOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Scim:Zitadel:ProjectId is required", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", null, "00:00:10", null)]
    [InlineData("acme.tenant-1", "team-a", "00:01:00", null)]
    [InlineData("acme", null, "00:00:09", "Scim:Status:Interval")]
    [InlineData("acme", null, "00:05:01", "Scim:Status:Interval")]
    [InlineData("Acme", null, "00:00:10", "Scim:Status:TenantName")]
    [InlineData("acme", "team.a", "00:00:10", "Scim:Status:Namespace")]
    public void Validate_StatusSettings(string tenant, string? ns, string interval, string? failingKey)
    {
        var options = new ScimOptions
        {
            KeySetPath = "/k.json",
            Status = new() { TenantName = tenant, Namespace = ns, Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) },
        };

        var result = new ScimOptionsValidator().Validate(null, options);

        if (failingKey is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.True(result.Failed);
            Assert.Contains(failingKey, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ZitadelMappings_RefusesUnusablePathsKeysAndRoleGroups()
    {
        var options = new ScimOptions { KeySetPath = "/k.json", Store = ScimStoreKind.Zitadel };
        options.Zitadel.Url = new Uri("https://acme.zitadel.cloud");
        options.Zitadel.OrganizationId = "123";
        options.Zitadel.ProjectId = "456";
        options.Zitadel.PersonalAccessToken = "pat";
        options.Zitadel.ProjectId = "456";
        options.Zitadel.GroupRoleGroup = "scim:entra";
        options.Zitadel.MetadataMappings.AddRange([
            new MetadataMappingSettings { Path = "title", Key = "jobTitle" },
            new MetadataMappingSettings { Path = "nosuch", Key = "x" },
            new MetadataMappingSettings { Path = "userType", Key = "jobTitle" },
        ]);

        var result = new ScimOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("MetadataMappings:0", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:Zitadel:MetadataMappings:1: path 'nosuch'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:Zitadel:MetadataMappings:2: key 'jobTitle' is mapped twice", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:Zitadel:GroupRoleGroup", result.FailureMessage, StringComparison.Ordinal);

        options.Zitadel.MetadataMappings.RemoveRange(1, 2);
        options.Zitadel.GroupRoleGroup = "Entra groups";
        Assert.True(new ScimOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("jobTitle", Assert.Single(options.Zitadel.ToStoreOptions().Mapping.Metadata).Key);
    }

    [Fact]
    public void Validate_CustomSchemas_AcceptsExtensionUrns()
    {
        var options = new ScimOptions
        {
            KeySetPath = "/k.json",
            CustomSchemas = ["urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User", "urn:ietf:params:scim:schemas:extension:hr_1:2.0:User"],
        };

        var result = new ScimOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "enterprise extension is built in")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User", "is not a custom-extension URN")]
    [InlineData("urn:ietf:params:scim:schemas:extension:Custom:2.0:Group", "is not a custom-extension URN")]
    [InlineData("urn:acme:custom", "is not a custom-extension URN")]
    [InlineData("", "is not a custom-extension URN")]
    public void Validate_CustomSchemas_RefusesOtherUrns(string urn, string expected)
    {
        var result = new ScimOptionsValidator().Validate(null, new ScimOptions { KeySetPath = "/k.json", CustomSchemas = [urn] });

        Assert.True(result.Failed);
        Assert.Contains("Scim:CustomSchemas:0", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CustomSchemas_RefusesDuplicatesAndTooMany()
    {
        var urns = Enumerable.Range(0, 11).Select(i => $"urn:ietf:params:scim:schemas:extension:X{i}:2.0:User").ToList();
        urns.Add("urn:ietf:params:scim:schemas:extension:x0:2.0:User");

        var result = new ScimOptionsValidator().Validate(null, new ScimOptions { KeySetPath = "/k.json", CustomSchemas = urns });

        Assert.True(result.Failed);
        Assert.Contains("at most 10", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scim:CustomSchemas:11: 'urn:ietf:params:scim:schemas:extension:x0:2.0:User' is listed twice", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MetadataMappingOfACustomAttribute_NeedsItsSchemaConfigured()
    {
        const string Custom = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";
        var options = new ScimOptions { KeySetPath = "/k.json", Store = ScimStoreKind.Zitadel };
        options.Zitadel.Url = new Uri("https://acme.zitadel.cloud");
        options.Zitadel.OrganizationId = "123";
        options.Zitadel.ProjectId = "456";
        options.Zitadel.PersonalAccessToken = "pat";
        options.Zitadel.MetadataMappings.Add(new MetadataMappingSettings { Path = Custom + ":costCentre", Key = "cost" });

        var without = new ScimOptionsValidator().Validate(null, options);
        options.CustomSchemas.Add(Custom);
        var with = new ScimOptionsValidator().Validate(null, options);

        Assert.True(without.Failed);
        Assert.Contains("Scim:Zitadel:MetadataMappings:0", without.FailureMessage, StringComparison.Ordinal);
        Assert.True(with.Succeeded, with.FailureMessage);
    }
}
