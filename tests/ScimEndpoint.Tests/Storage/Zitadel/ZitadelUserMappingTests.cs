using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage.Zitadel;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Storage.Zitadel;

public sealed class ZitadelUserMappingTests
{
    private const string Ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static readonly ZitadelMappingOptions Options = new();
    private static readonly ZitadelResourceDetails Details = new(
        DateTimeOffset.Parse("2026-01-01T00:00:00Z"), DateTimeOffset.Parse("2026-01-02T00:00:00Z"), 42);

    [Fact]
    public void ToRecord_EntraUser_PutsNativeFieldsNativelyAndTheRestInMetadata()
    {
        var user = Normalize(
            $"{{'externalId':'0a21f0f2','userName':'Test_User@x.com','active':true,'displayName':'Test User',"
            + "'emails':[{'primary':true,'type':'work','value':'t@x.com'}],'name':{'formatted':'G F','familyName':'F','givenName':'G'},"
            + $"'title':'CTO','{Ent}':{{'employeeNumber':'7','manager':{{'value':'m-1'}}}}}}");

        var record = ZitadelUserMapping.ToRecord(user, Options);

        Assert.Equal("Test_User@x.com", record.Username);
        Assert.Equal(("G", "F", "Test User"), (record.GivenName, record.FamilyName, record.DisplayName));
        Assert.Equal("t@x.com", record.Email);
        Assert.True(record.EmailVerified);
        Assert.True(record.Active);
        Assert.Equal("0a21f0f2", record.Metadata["scim.externalId"]);
        Json.Equal(Json.Node("[{'value':'t@x.com','type':'work','primary':true}]"), JsonNode.Parse(record.Metadata["scim.emails"]));
        Json.Equal(Json.Node("{'formatted':'G F'}"), JsonNode.Parse(record.Metadata["scim.name"]));
        Assert.Equal("\"CTO\"", record.Metadata["scim.title"]);
        Json.Equal(Json.Node("{'employeeNumber':'7','manager':{'value':'m-1'}}"), JsonNode.Parse(record.Metadata[$"scim.{Ent}"]));
        Assert.DoesNotContain("scim.userName", record.Metadata.Keys);
        Assert.DoesNotContain("scim.placeholders", record.Metadata.Keys);
    }

    [Fact]
    public void ToRecord_MetadataMappings_AddPlainTextCopiesUnderTheTenantsKeys()
    {
        var options = new ZitadelMappingOptions
        {
            Metadata =
            [
                Mapping($"{Ent}:department", "hr:department"),
                Mapping($"{Ent}:manager.value", "manager"),
                Mapping("emails.value", "mail"),
                Mapping("active", "enabled"),
                Mapping("title", "jobTitle"),
            ],
        };
        var user = Normalize(
            "{'userName':'u@x.com','active':true,'emails':[{'value':'h@x.com','type':'home'},{'value':'w@x.com','primary':true}],"
            + $"'{Ent}':{{'department':'R&D','manager':{{'value':'m-1'}}}}}}");

        var record = ZitadelUserMapping.ToRecord(user, options);

        Assert.Equal("R&D", record.Metadata["hr:department"]);
        Assert.Equal("m-1", record.Metadata["manager"]);
        Assert.Equal("w@x.com", record.Metadata["mail"]);
        Assert.Equal("true", record.Metadata["enabled"]);
        Assert.DoesNotContain("jobTitle", record.Metadata.Keys); // no title: no entry, so an update deletes it
        Assert.Equal("R&D", (string?)JsonNode.Parse(record.Metadata[$"scim.{Ent}"])!["department"]); // the SCIM copy stays

        var scim = ZitadelUserMapping.ToScim("id-1", record, Details);
        Assert.Null(scim["hr:department"]);
        Assert.Null(scim["manager"]);
    }

    [Theory]
    [InlineData("title", "scim.title")]
    [InlineData("title", "job title")]
    [InlineData("name", "name")]
    [InlineData("emails", "mail")]
    [InlineData("id", "id")]
    [InlineData("urn:example:custom:1.0:User:badge", "badge")]
    [InlineData("emails[type eq \"work\"].value", "mail")]
    public void MetadataMapping_UnusablePathOrKey_IsRefusedWithTheReason(string path, string key)
    {
        Assert.Null(ZitadelMetadataMapping.TryCreate(path, key, out var problem));
        Assert.NotNull(problem);
    }

    private static ZitadelMetadataMapping Mapping(string path, string key) =>
        ZitadelMetadataMapping.TryCreate(path, key, out var problem) ?? throw new InvalidOperationException(problem);

    [Fact]
    public void ToScim_AfterToRecord_ReturnsWhatWasWritten()
    {
        var user = Normalize(
            $"{{'externalId':'e-1','userName':'u@x.com','active':false,'displayName':'U','nickName':'N','preferredLanguage':'de-CH',"
            + "'name':{'givenName':'G','familyName':'F','middleName':'M'},'title':'T','locale':'de-CH','timezone':'Europe/Zurich',"
            + "'emails':[{'value':'w@x.com','type':'work','primary':true},{'value':'h@x.com','type':'home'}],"
            + "'phoneNumbers':[{'value':'+41 1','type':'mobile'}],'addresses':[{'type':'work','streetAddress':'1 Main St','country':'CH'}],"
            + "'roles':[{'value':'Admin','primary':true}],"
            + $"'{Ent}':{{'department':'R&D','manager':{{'value':'m-1'}}}}}}");

        var scim = ZitadelUserMapping.ToScim("id-1", ZitadelUserMapping.ToRecord(user, Options), Details);

        Json.Equal(Json.Attributes(user), Json.Attributes(scim));
        Assert.Equal("id-1", (string?)scim["id"]);
        Assert.Equal("W/\"42\"", (string?)scim["meta"]!["version"]);
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)scim["meta"]!["created"]);
        Json.Equal(Json.Node($"['urn:ietf:params:scim:schemas:core:2.0:User','{Ent}']"), scim["schemas"]);
    }

    [Fact]
    public void ToRecord_NoNameParts_UsesPlaceholdersThatReadsLeaveOut()
    {
        var user = Normalize("{'userName':'u@x.com','displayName':'Uma','emails':[{'value':'u@x.com'}]}");

        var record = ZitadelUserMapping.ToRecord(user, Options);
        var scim = ZitadelUserMapping.ToScim("id-1", record, Details);

        Assert.Equal(("Uma", "Uma"), (record.GivenName, record.FamilyName));
        Assert.Null(scim["name"]);
    }

    [Fact]
    public void ToRecord_NoEmailButEmailShapedUserName_UsesItAsPlaceholder()
    {
        var record = ZitadelUserMapping.ToRecord(Normalize("{'userName':'u@x.com'}"), Options);
        var scim = ZitadelUserMapping.ToScim("id-1", record, Details);

        Assert.Equal("u@x.com", record.Email);
        Assert.Null(scim["emails"]);
    }

    [Fact]
    public void ToRecord_NoEmailAndPlainUserName_IsRejectedWithAClearError()
    {
        var error = Assert.Throws<ScimException>(() => ZitadelUserMapping.ToRecord(Normalize("{'userName':'plain'}"), Options));

        Assert.Equal("invalidValue", error.ScimType);
        Assert.Contains("e-mail", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'userName':'u@x.com','displayName':'DISPLAY'}", "displayName")]
    [InlineData("{'userName':'u@x.com','preferredLanguage':'en-US-x-verylong'}", "preferredLanguage")]
    public void ToRecord_LongerThanZitadelAllows_IsRejected(string body, string attribute)
    {
        var user = Normalize(body.Replace("DISPLAY", new string('d', 201)));

        var error = Assert.Throws<ScimException>(() => ZitadelUserMapping.ToRecord(user, Options));

        Assert.Contains(attribute, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ToScim_EmailChangedInZitadel_ShowsTheNewValueWithTheStoredType()
    {
        var record = ZitadelUserMapping.ToRecord(
            Normalize("{'userName':'u@x.com','emails':[{'value':'old@x.com','type':'work','primary':true}]}"), Options) with
        {
            Email = "new@x.com",
        };

        var scim = ZitadelUserMapping.ToScim("id-1", record, Details);

        Json.Equal(Json.Node("[{'value':'new@x.com','type':'work','primary':true}]"), scim["emails"]);
    }

    [Fact]
    public void ToScim_MetadataWrittenOutsideScim_IsSkippedNotFatal()
    {
        var record = ZitadelUserMapping.ToRecord(Normalize("{'userName':'u@x.com'}"), Options) with
        {
            Metadata = new Dictionary<string, string>
            {
                ["scim.title"] = "not json",
                ["scim.active"] = "\"maybe\"",
                ["scim.shoeSize"] = "42",
                ["scim.nickName"] = "{\"a\":1}",
                ["scim.addresses"] = "[{\"type\":\"work\",\"country\":\"CH\"}]",
            },
        };

        var scim = ZitadelUserMapping.ToScim("id-1", record, Details);

        Assert.Null(scim["title"]);
        Assert.Null(scim["shoeSize"]);
        Assert.Equal("CH", (string?)scim["addresses"]![0]!["country"]);
    }

    [Fact]
    public void Between_OnlyChangedParts_AreReported()
    {
        var before = ZitadelUserMapping.ToRecord(
            Normalize("{'userName':'u@x.com','title':'A','nickName':'n','active':true,'emails':[{'value':'u@x.com'}],'locale':'de'}"), Options);
        var after = ZitadelUserMapping.ToRecord(
            Normalize("{'userName':'u@x.com','title':'B','nickName':'n','active':false,'emails':[{'value':'u@x.com'}]}"), Options);

        var changes = ZitadelUserChanges.Between(before, after);

        Assert.Null(changes.Username);
        Assert.False(changes.Profile);
        Assert.False(changes.Email);
        Assert.False(changes.Active);
        Assert.Equal(new Dictionary<string, string> { ["scim.title"] = "\"B\"" }, changes.MetadataSet);
        Assert.Equal(["scim.locale"], changes.MetadataDelete);
        Assert.True(changes.HasUpdate);
    }

    [Fact]
    public void Between_SameRecord_HasNoUpdate()
    {
        var record = ZitadelUserMapping.ToRecord(Normalize("{'userName':'u@x.com','title':'A'}"), Options);

        var changes = ZitadelUserChanges.Between(record, record);

        Assert.False(changes.HasUpdate);
        Assert.Null(changes.Active);
    }

    private static JsonObject Normalize(string json) => ResourceNormalizer.ForCreate(ScimSchemas.UserType, Json.Node(json));
}
