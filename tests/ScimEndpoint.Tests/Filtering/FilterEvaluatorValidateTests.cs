using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Tests.Filtering;

public class FilterEvaluatorValidateTests
{
    public static TheoryData<TextCase> UserErrors => new()
    {
        new("unknown attribute", "shoeSize eq 1", "The filter names unknown attribute 'shoeSize' of User."),
        new("unknown sub-attribute", "name.nickname eq \"x\"", "The filter names unknown attribute 'name.nickname' of User."),
        new(
            "unknown extension attribute",
            $"{ScimConstants.EnterpriseUserSchema}:shoeSize eq 1",
            $"The filter names unknown attribute '{FilterLexer.Echo(ScimConstants.EnterpriseUserSchema + ":shoeSize")}' of User."),
        new(
            "unknown attribute inside brackets",
            "emails[shoe eq \"x\"]",
            "The filter names unknown attribute 'shoe' inside 'emails[…]': only its sub-attributes apply."),
        new(
            "dotted path inside brackets",
            "emails[value.x eq \"x\"]",
            "The filter names unknown attribute 'value.x' inside 'emails[…]': only its sub-attributes apply."),
        new(
            "value path on a single-valued attribute",
            "userName[value eq \"x\"]",
            "'userName' is not a multi-valued complex attribute, so it cannot take a value filter '[…]'."),
        new(
            "value path on a single complex attribute",
            "name[givenName eq \"x\"]",
            "'name' is not a multi-valued complex attribute, so it cannot take a value filter '[…]'."),
        new("gt on boolean", "active gt true", "'gt' cannot be used on 'active', a boolean attribute."),
        new("le on boolean sub-attribute", "emails.primary le false", "'le' cannot be used on 'emails.primary', a boolean attribute."),
        new("co on boolean", "active co \"t\"", "'co' cannot be used on 'active', a boolean attribute."),
        new("sw on dateTime", "meta.created sw \"2011\"", "'sw' cannot be used on 'meta.created', a datetime attribute."),
        new("gt on binary", "x509Certificates.value gt \"a\"", "'gt' cannot be used on 'x509Certificates.value', a binary attribute."),
        new(
            "eq on complex",
            "name eq \"x\"",
            "'name' is complex and cannot be compared with 'eq'; compare one of its sub-attributes."),
        new(
            "eq on multi-valued complex without value",
            "addresses eq \"x\"",
            "'addresses' is complex and cannot be compared with 'eq'; compare one of its sub-attributes."),
        new(
            "eq on a whole extension",
            $"{ScimConstants.EnterpriseUserSchema} eq \"x\"",
            $"'{FilterLexer.Echo(ScimConstants.EnterpriseUserSchema)}' is complex and cannot be compared with 'eq'; compare one of its sub-attributes."),
        new("error inside not", "not (shoeSize pr)", "The filter names unknown attribute 'shoeSize' of User."),
        new("error on the right of or", "userName pr or shoeSize pr", "The filter names unknown attribute 'shoeSize' of User."),
    };

    public static TheoryData<TextCase> DeviceErrors => new()
    {
        new("co on integer", "age co 4", "'co' cannot be used on 'age', a integer attribute."),
        new("ew on decimal", "score ew \"5\"", "'ew' cannot be used on 'score', a decimal attribute."),
    };

    [Theory]
    [MemberData(nameof(UserErrors))]
    public void Validate_BadUserFilter_ThrowsInvalidFilter(TextCase row) =>
        AssertInvalid(ScimSchemas.UserType, row);

    [Theory]
    [MemberData(nameof(DeviceErrors))]
    public void Validate_SubstringOperatorOnNumber_ThrowsInvalidFilter(TextCase row) =>
        AssertInvalid(SampleResources.DeviceType, row);

    [Theory]
    [InlineData("userName eq \"x\" and emails[type eq \"work\" and primary eq true]")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw \"B\"")]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\" and not (title pr)")]
    [InlineData("EMAILS.VALUE co \"x\" and emails gt \"a\"")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr")]
    public void Validate_KnownUserAttributes_Passes(string filter) =>
        FilterEvaluator.Validate(ScimSchemas.UserType, FilterParser.Parse(filter));

    [Fact]
    public void Validate_GroupMembersFilter_Passes() =>
        FilterEvaluator.Validate(ScimSchemas.GroupType, FilterParser.Parse("members[value eq \"u1\"] and displayName pr"));

    [Fact]
    public void Validate_UserAttributeOnGroup_ThrowsInvalidFilter()
    {
        var error = Assert.Throws<ScimException>(() =>
            FilterEvaluator.Validate(ScimSchemas.GroupType, FilterParser.Parse("userName eq \"x\"")));

        Assert.Equal("The filter names unknown attribute 'userName' of Group.", error.Detail);
    }

    private static void AssertInvalid(ResourceTypeDefinition type, TextCase row)
    {
        var filter = FilterParser.Parse(row.Input);

        var error = Assert.Throws<ScimException>(() => FilterEvaluator.Validate(type, filter));

        Assert.Equal(400, error.Status);
        Assert.Equal("invalidFilter", error.ScimType);
        Assert.Equal(row.Expected, error.Detail);
    }
}
