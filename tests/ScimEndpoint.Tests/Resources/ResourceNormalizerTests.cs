using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Resources;

public sealed class ResourceNormalizerTests
{
    private const string Ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public void ForCreate_EntraCreateUserBody_KeepsAttributesAndDropsClientMetaAndEmptyRoles()
    {
        var body = Json.Object(
            $"{{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','{Ent}'],'externalId':'0a21','userName':'Test_User',"
            + "'active':true,'emails':[{'primary':true,'type':'work','value':'t@x.com'}],'meta':{'resourceType':'User'},"
            + "'name':{'formatted':'givenName familyName','familyName':'familyName','givenName':'givenName'},'roles':[]}");

        var resource = ResourceNormalizer.ForCreate(ScimSchemas.UserType, body);

        Json.Equal(
            Json.Object("{'externalId':'0a21','userName':'Test_User','active':true,'emails':[{'primary':true,'type':'work','value':'t@x.com'}],"
                + "'name':{'formatted':'givenName familyName','familyName':'familyName','givenName':'givenName'}}"),
            Json.Attributes(resource));
        Json.Equal(Json.Node("['urn:ietf:params:scim:schemas:core:2.0:User']"), resource["schemas"]);
        Assert.Null(resource["meta"]);
    }

    [Fact]
    public void ForCreate_AttributeNamesInAnyCase_AreStoredCanonically()
    {
        var resource = ResourceNormalizer.ForCreate(
            ScimSchemas.UserType,
            Json.Object($"{{'USERNAME':'u','Name':{{'GIVENNAME':'g'}},'{Ent.ToUpperInvariant()}':{{'Department':'d'}}}}"));

        Json.Equal(Json.Object($"{{'userName':'u','name':{{'givenName':'g'}},'{Ent}':{{'department':'d'}}}}"), Json.Attributes(resource));
    }

    [Fact]
    public void ForCreate_EntraManagerAsBareString_IsStoredAsObject()
    {
        var resource = ResourceNormalizer.ForCreate(
            ScimSchemas.UserType, Json.Object($"{{'userName':'u','{Ent}':{{'manager':'m-1'}}}}"));

        Assert.Equal("m-1", (string?)resource[Ent]!["manager"]!["value"]);
    }

    [Fact]
    public void ForCreate_GroupWithMicrosoftSchemaUrn_IsAccepted()
    {
        var resource = ResourceNormalizer.ForCreate(ScimSchemas.GroupType, Json.Object(
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group','http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],"
            + "'externalId':'8aa1','displayName':'displayName','meta':{'resourceType':'Group'}}"));

        Json.Equal(Json.Object("{'externalId':'8aa1','displayName':'displayName'}"), Json.Attributes(resource));
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "array body", "[]", "invalidSyntax" },
        { "schemas not an array", "{'schemas':'x','userName':'u'}", "invalidSyntax" },
        { "schemas without the core URN", "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'userName':'u'}", "invalidValue" },
        { "missing userName", "{'name':{'givenName':'g'}}", "invalidValue" },
        { "empty userName", "{'userName':''}", "invalidValue" },
        { "unknown attribute", "{'userName':'u','shoeSize':9}", "invalidValue" },
        { "unknown extension", "{'userName':'u','urn:example:ext:1.0:User':{'a':1}}", "invalidValue" },
        { "extension not an object", $"{{'userName':'u','{Ent}':'x'}}", "invalidValue" },
        { "active not a boolean", "{'userName':'u','active':'yes'}", "invalidValue" },
        { "emails element not an object", "{'userName':'u','emails':[[1]]}", "invalidValue" },
        { "two primaries", "{'userName':'u','emails':[{'value':'a','primary':true},{'value':'b','primary':true}]}", "invalidValue" },
        { "userName an object", "{'userName':{'a':1}}", "invalidValue" },
        { "several managers", $"{{'userName':'u','{Ent}':{{'manager':[{{'value':'a'}},{{'value':'b'}}]}}}}", "invalidValue" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void ForCreate_BadBody_ThrowsWithScimType(string name, string body, string scimType)
    {
        var error = Assert.Throws<ScimException>(() => ResourceNormalizer.ForCreate(ScimSchemas.UserType, Json.Node(body)));

        Assert.True(scimType == error.ScimType, $"{name}: expected {scimType}, got {error.ScimType}: {error.Detail}");
        Assert.Equal(400, error.Status);
    }

    [Theory]
    [InlineData("{'displayName':'g','members':'x'}", "x")]
    [InlineData("{'displayName':'g','members':{'value':'y'}}", "y")]
    public void ForCreate_SingleValueForMultiValued_IsTreatedAsOneElement(string body, string member)
    {
        var resource = ResourceNormalizer.ForCreate(ScimSchemas.GroupType, Json.Node(body));

        Json.Equal(Json.Node($"[{{'value':'{member}'}}]"), resource["members"]);
    }

    [Theory]
    [InlineData("{'userName':'u','emails':{}}", null)]
    [InlineData("{'userName':'u','emails':[]}", null)]
    [InlineData("{'userName':'u','emails':'a@x'}", "[{'value':'a@x'}]")]
    public void ForCreate_EmailsInOtherShapes_AreNormalized(string body, string? emails)
    {
        var resource = ResourceNormalizer.ForCreate(ScimSchemas.UserType, Json.Node(body));

        Json.Equal(emails is null ? null : Json.Node(emails), resource["emails"]);
    }

    [Fact]
    public void ForReplace_KeepsIdAndMetaAndDropsAttributesNotSent()
    {
        var current = Json.Object("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'id-1','userName':'u','title':'T',"
            + "'meta':{'resourceType':'User','version':'W/\\'1\\''}}");

        var replaced = ResourceNormalizer.ForReplace(ScimSchemas.UserType, current, Json.Object("{'id':'other','userName':'v'}"));

        Assert.Equal("id-1", (string?)replaced["id"]);
        Json.Equal(current["meta"], replaced["meta"]);
        Json.Equal(Json.Object("{'userName':'v'}"), Json.Attributes(replaced));
    }
}
