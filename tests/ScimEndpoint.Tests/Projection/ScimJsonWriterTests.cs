using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Projection;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Projection;

public sealed class ScimJsonWriterTests
{
    private const string Ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly JsonObject User = Json.Object(
        $"{{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','{Ent}'],'id':'id-1','externalId':'e-1','userName':'u',"
        + "'name':{'givenName':'G','familyName':'F'},'active':true,'emails':[{'value':'a@x','type':'work','primary':true}],"
        + $"'{Ent}':{{'department':'D','manager':{{'value':'m-1'}}}},"
        + "'meta':{'resourceType':'User','created':'2026-01-01T00:00:00.000Z','lastModified':'2026-01-02T00:00:00.000Z','version':'W/\\'2\\''}}");

    private static readonly JsonObject Group = Json.Object(
        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'g-1','displayName':'g','members':[{'value':'id-1','type':'User'}],"
        + "'meta':{'resourceType':'Group','version':'W/\\'1\\''}}");

    [Fact]
    public void WriteResource_DefaultProjection_WritesEverythingAndTheLocation()
    {
        var written = Write(User, ResourceProjection.Default(ScimSchemas.UserType));

        var expected = (JsonObject)User.DeepClone();
        expected["meta"]!["location"] = "https://h/scim/v2/Users/id-1";
        Json.Equal(expected, written);
    }

    [Fact]
    public void WriteResource_ExcludedMembers_OmitsMembers()
    {
        var written = Write(Group, ResourceProjection.Create(ScimSchemas.GroupType, [], ["members"]));

        Assert.Null(written["members"]);
        Assert.Equal("g", (string?)written["displayName"]);
        Assert.Equal("g-1", (string?)written["id"]);
    }

    [Fact]
    public void WriteResource_AttributesList_WritesOnlyThoseAndAlwaysReturnedOnes()
    {
        var written = Write(User, ResourceProjection.Create(ScimSchemas.UserType, ["userName", "emails.value", $"{Ent}:manager"], []));

        Json.Equal(
            Json.Object($"{{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','{Ent}'],'id':'id-1','userName':'u',"
                + $"'emails':[{{'value':'a@x'}}],'{Ent}':{{'manager':{{'value':'m-1'}}}}}}"),
            written);
    }

    [Fact]
    public void WriteResource_AttributeNamesInAnyCase_AndWholeExtension_AreResolved()
    {
        var written = Write(User, ResourceProjection.Create(ScimSchemas.UserType, ["USERNAME", Ent], []));

        Assert.Equal("u", (string?)written["userName"]);
        Assert.Equal("D", (string?)written[Ent]!["department"]);
        Assert.Null(written["name"]);
    }

    [Fact]
    public void WriteResource_ExcludedSubAttribute_KeepsTheRest()
    {
        var written = Write(User, ResourceProjection.Create(ScimSchemas.UserType, [], ["name.givenName", "id", "meta"]));

        Json.Equal(Json.Object("{'familyName':'F'}"), written["name"]);
        Assert.Equal("id-1", (string?)written["id"]); // returned: always
        Assert.Null(written["meta"]);
    }

    [Theory]
    [InlineData("shoeSize")]
    [InlineData("name.nick")]
    [InlineData("emails[type eq \"work\"]")]
    [InlineData("urn:example:unknown:User:x")]
    public void Create_UnknownAttribute_ThrowsInvalidValue(string attribute)
    {
        var error = Assert.Throws<ScimException>(() => ResourceProjection.Create(ScimSchemas.UserType, [attribute], []));

        Assert.Equal("invalidValue", error.ScimType);
    }

    [Fact]
    public void WriteListResponse_EmptyResult_HasEmptyResourcesAndEchoesStartIndex()
    {
        var written = WriteList(new StoreQueryResult(0, []), 1);

        Json.Equal(
            Json.Object("{'schemas':['urn:ietf:params:scim:api:messages:2.0:ListResponse'],'totalResults':0,'itemsPerPage':0,'startIndex':1,'Resources':[]}"),
            written);
    }

    [Fact]
    public void WriteListResponse_Page_CountsItemsPerPage()
    {
        var written = WriteList(new StoreQueryResult(7, [User]), 3);

        Assert.Equal(7, (int)written["totalResults"]!);
        Assert.Equal(1, (int)written["itemsPerPage"]!);
        Assert.Equal(3, (int)written["startIndex"]!);
        Assert.Equal("https://h/scim/v2/Users/id-1", (string?)written["Resources"]![0]!["meta"]!["location"]);
    }

    [Fact]
    public void WriteError_HasStatusAsStringAndScimType()
    {
        var written = Render(w => ScimJsonWriter.WriteError(w, ScimErrors.InvalidFilter(4, "expected a value")));

        Json.Equal(
            Json.Object("{'schemas':['urn:ietf:params:scim:api:messages:2.0:Error'],'status':'400','scimType':'invalidFilter',"
                + "'detail':'Invalid filter at position 4: expected a value.'}"),
            written);
    }

    [Fact]
    public void WriteResource_CustomAttributeNamedInAnotherCase_IsExcludedAndSelected()
    {
        const string Urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";
        var type = new ScimResourceTypes([Urn]).User;
        var user = Json.Object(
            $"{{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','{Urn}'],'id':'id-1','userName':'u'," +
            $"'{Urn}':{{'CostCentre':'42','team':'blue'}}}}");

        var excluded = Write(user, ResourceProjection.Create(type, [], [$"{Urn}:costcentre"]));
        var selected = Write(user, ResourceProjection.Create(type, [$"{Urn}:COSTCENTRE"], []));

        // Attribute names are case-insensitive (RFC 7643 §2.1): the stored spelling is matched whatever the query's.
        Json.Equal(Json.Node("{'team':'blue'}"), excluded[Urn]);
        Json.Equal(Json.Node("{'CostCentre':'42'}"), selected[Urn]);
    }

    private static JsonObject Write(JsonObject resource, ResourceProjection projection) =>
        Render(w => ScimJsonWriter.WriteResource(w, resource, projection, $"https://h/scim/v2/{projection.Type.Name}s/{resource["id"]}"));

    private static JsonObject WriteList(StoreQueryResult result, int startIndex) =>
        Render(w => ScimJsonWriter.WriteListResponse(
            w, result, startIndex, ResourceProjection.Default(ScimSchemas.UserType), id => $"https://h/scim/v2/Users/{id}"));

    private static JsonObject Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return (JsonObject)JsonNode.Parse(stream.ToArray())!;
    }
}
