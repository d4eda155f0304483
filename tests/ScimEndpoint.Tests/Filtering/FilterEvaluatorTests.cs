using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Tests.Filtering;

public class FilterEvaluatorTests
{
    private const string Enterprise = ScimConstants.EnterpriseUserSchema;

    public static TheoryData<MatchCase> UserCases => new()
    {
        new("userName eq exact", "userName eq \"bjensen@example.com\"", true),
        new("userName eq ignores case", "userName eq \"BJensen@Example.COM\"", true),
        new("userName eq other", "userName eq \"jsmith@example.com\"", false),
        new("attribute and operator names ignore case", "USERNAME EQ \"bjensen@example.com\"", true),
        new("externalId is case-exact", "externalId eq \"BJENSEN\"", false),
        new("externalId exact", "externalId eq \"bjensen\"", true),
        new("unquoted externalId", "externalId eq bjensen", true),
        new("id is case-exact", $"id eq \"{SampleResources.UserId.ToUpperInvariant()}\"", false),
        new("id exact", $"id eq \"{SampleResources.UserId}\"", true),
        new("co ignores case", "displayName co \"JENS\"", true),
        new("sw", "displayName sw \"babs\"", true),
        new("sw no match", "displayName sw \"Jensen\"", false),
        new("ew", "userName ew \"@EXAMPLE.com\"", true),
        new("gt on string", "userName gt \"a\"", true),
        new("lt on string", "userName lt \"a\"", false),
        new("ge on equal string ignoring case", "userName ge \"BJENSEN@EXAMPLE.COM\"", true),
        new("le on equal string", "userName le \"bjensen@example.com\"", true),
        new("ne on equal value", "userName ne \"bjensen@example.com\"", false),
        new("ne on other value", "userName ne \"x\"", true),
        new("ne on absent attribute", "nickName ne \"x\"", true),
        new("eq on absent attribute", "nickName eq \"x\"", false),
        new("eq null on absent attribute", "nickName eq null", true),
        new("eq null on present attribute", "userName eq null", false),
        new("ne null on present attribute", "userName ne null", true),
        new("sub-attribute", "name.givenName eq \"barbara\"", true),
        new("core URN prefix", $"{ScimConstants.UserSchema}:userName eq \"bjensen@example.com\"", true),
        new("any email value", "emails.value eq \"babs@jensen.org\"", true),
        new("multi-valued without sub-attribute compares value", "emails co \"jensen.org\"", true),
        new("multi-valued ne is not any-eq", "emails ne \"babs@jensen.org\"", false),
        new("value path", "emails[type eq \"work\"]", true),
        new("value path no match", "emails[type eq \"other\"]", false),
        new("value path and inside one element", "emails[type eq \"work\" and value co \"@example\"]", true),
        new("value path and across elements does not match", "emails[type eq \"home\" and value co \"@example\"]", false),
        new("value path sub-attribute", "emails[type eq \"work\"].value eq \"bjensen@example.com\"", true),
        new("value path sub-attribute other element", "emails[type eq \"home\"].value eq \"bjensen@example.com\"", false),
        new("value path names ignore case", "EMAILS[TYPE eq \"WORK\"]", true),
        new("boolean eq true", "active eq true", true),
        new("boolean eq false", "active eq false", false),
        new("boolean eq string True", "active eq \"True\"", true),
        new("boolean eq string false", "active eq \"false\"", false),
        new("boolean ne false", "active ne false", true),
        new("boolean eq other string", "active eq \"yes\"", false),
        new("Entra role filter with string True", "roles[primary eq \"True\"]", true),
        new("role filter with JSON true", "roles[primary eq true]", true),
        new("role filter with string False", "roles[primary eq \"False\"]", false),
        new("enterprise attribute", $"{Enterprise}:employeeNumber eq \"701984\"", true),
        new("enterprise manager.value", $"{Enterprise}:manager.value eq \"{SampleResources.ManagerId}\"", true),
        new("enterprise manager.value is case-exact", $"{Enterprise}:manager.value eq \"{SampleResources.ManagerId.ToUpperInvariant()}\"", false),
        new("Entra manager check compares value", $"id eq \"{SampleResources.UserId}\" and {Enterprise}:manager eq \"{SampleResources.ManagerId}\"", true),
        new("lastModified gt earlier", "meta.lastModified gt \"2011-05-13T04:42:34Z\"", true),
        new("lastModified lt earlier", "meta.lastModified lt \"2011-05-13T04:42:34Z\"", false),
        new("lastModified eq same instant in another offset", "meta.lastModified eq \"2011-08-01T23:32:44.882+02:00\"", true),
        new("created le", "meta.created le \"2011-08-01T18:29:49.793Z\"", true),
        new("dateTime against a non-date", "meta.lastModified gt \"yesterday\"", false),
        new("pr on value", "displayName pr", true),
        new("pr on empty string", "title pr", false),
        new("pr on empty array", "addresses pr", false),
        new("pr on absent", "nickName pr", false),
        new("pr on multi-valued", "emails pr", true),
        new("pr on complex", "name pr", true),
        new("pr on whole extension", $"{Enterprise} pr", true),
        new("pr on extension attribute", $"{Enterprise}:department pr", false),
        new("not", "not (userName eq \"x\")", true),
        new("and", "userName sw \"b\" and active eq true", true),
        new("or", "userName eq \"x\" or externalId eq \"bjensen\"", true),
        new("precedence", "userName eq \"x\" or active eq true and externalId eq \"nobody\"", false),
        new("string attribute against a number literal", $"{Enterprise}:employeeNumber eq 701984", true),
    };

    public static TheoryData<MatchCase> GroupCases => new()
    {
        new("displayName ignores case", "displayName eq \"tour guides\"", true),
        new("member value", "members[value eq \"u1\"]", true),
        new("member value is case-exact", "members[value eq \"U1\"]", false),
        new("member type ignores case", "members[type eq \"group\" and value eq \"g2\"]", true),
        new("members compares value", "members eq \"g2\"", true),
        new("members.value", "members.value eq \"u9\"", false),
        new("members pr", "members pr", true),
    };

    public static TheoryData<MatchCase> DeviceCases => new()
    {
        new("integer eq", "age eq 42", true),
        new("integer gt", "age gt 41.5", true),
        new("integer le", "age le 41", false),
        new("integer from a string literal", "age eq \"42\"", true),
        new("decimal eq with other scale", "score eq 2.50", true),
        new("decimal lt exponent", "score lt 3e0", true),
        new("number against a word", "age eq forty", false),
        new("dateTime with offset", "enrolled eq \"2024-02-29T11:00:00Z\"", true),
        new("dateTime ge", "enrolled ge \"2024-01-01T00:00:00Z\"", true),
        new("binary is case-exact", "certificate eq \"tujj\"", false),
    };

    [Theory]
    [MemberData(nameof(UserCases))]
    public void Matches_User_GivesExpectedResult(MatchCase row) =>
        AssertMatch(ScimSchemas.UserType, SampleResources.User(), row);

    [Theory]
    [MemberData(nameof(GroupCases))]
    public void Matches_Group_GivesExpectedResult(MatchCase row) =>
        AssertMatch(ScimSchemas.GroupType, SampleResources.Group(), row);

    [Theory]
    [MemberData(nameof(DeviceCases))]
    public void Matches_NumberAndDateAttributes_GivesExpectedResult(MatchCase row) =>
        AssertMatch(SampleResources.DeviceType, SampleResources.Device(), row);

    [Fact]
    public void Matches_AnyFilter_LeavesResourceUnchanged()
    {
        var resource = SampleResources.User();
        var before = resource.DeepClone();

        FilterEvaluator.Matches(
            ScimSchemas.UserType, resource, FilterParser.Parse("emails[type eq \"work\"] and nickName eq null and title pr"));

        Assert.True(JsonNode.DeepEquals(before, resource));
    }

    [Fact]
    public void Matches_UnknownAttribute_ThrowsInvalidFilter()
    {
        var error = Assert.Throws<ScimException>(() =>
            FilterEvaluator.Matches(ScimSchemas.UserType, SampleResources.User(), FilterParser.Parse("shoeSize eq 1")));

        Assert.Equal("invalidFilter", error.ScimType);
    }

    [Fact]
    public void MatchesElement_BracketFilterOfPatchPath_MatchesOnlyTheWorkEmail()
    {
        var emails = ScimSchemas.User.FindAttribute("emails")!;
        var filter = PathParser.ParsePatchPath("emails[type eq \"work\"].value").ValueFilter!;
        var elements = SampleResources.User()["emails"]!.AsArray();

        var matches = elements.Select(e => FilterEvaluator.MatchesElement(emails, e!, filter)).ToArray();

        Assert.Equal([true, false], matches);
    }

    [Fact]
    public void MatchesElement_StringTrueAgainstJsonTrue_Matches()
    {
        var roles = ScimSchemas.User.FindAttribute("roles")!;
        var filter = PathParser.ParsePatchPath("roles[primary eq \"True\"].value").ValueFilter!;

        Assert.True(FilterEvaluator.MatchesElement(roles, JsonNode.Parse("""{"value":"a","primary":true}""")!, filter));
    }

    [Fact]
    public void MatchesElement_UnknownSubAttribute_ThrowsInvalidFilter()
    {
        var members = ScimSchemas.Group.FindAttribute("members")!;
        var filter = PathParser.ParsePatchPath("members[shoe eq \"x\"]").ValueFilter!;

        var error = Assert.Throws<ScimException>(() =>
            FilterEvaluator.MatchesElement(members, JsonNode.Parse("""{"value":"u1"}""")!, filter));

        Assert.Equal("invalidFilter", error.ScimType);
    }

    private static void AssertMatch(ResourceTypeDefinition type, JsonObject resource, MatchCase row)
    {
        var filter = FilterParser.Parse(row.Filter);
        FilterEvaluator.Validate(type, filter);

        Assert.Equal(row.Expected, FilterEvaluator.Matches(type, resource, filter));
    }
}
