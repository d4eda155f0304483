using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

public sealed class DiscoveryTests : ScimServerTest
{
    private const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task ServiceProviderConfig_Get_TellsWhatIsSupported()
    {
        var config = await GetAsync("ServiceProviderConfig");

        Assert.True((bool)config["patch"]!["supported"]!);
        Assert.False((bool)config["bulk"]!["supported"]!);
        Assert.Equal(0, (int)config["bulk"]!["maxOperations"]!);
        Assert.Equal(1048576, (int)config["bulk"]!["maxPayloadSize"]!);
        Assert.True((bool)config["filter"]!["supported"]!);
        Assert.Equal(1000, (int)config["filter"]!["maxResults"]!);
        Assert.False((bool)config["changePassword"]!["supported"]!);
        Assert.True((bool)config["sort"]!["supported"]!);
        Assert.True((bool)config["etag"]!["supported"]!);
        var scheme = config["authenticationSchemes"]![0]!;
        Assert.Equal("oauthbearertoken", (string?)scheme["type"]);
        Assert.True((bool)scheme["primary"]!);
        Assert.Equal($"{Server.ScimBaseUri}/ServiceProviderConfig", (string?)config["meta"]!["location"]);
    }

    [Fact]
    public async Task ResourceTypes_Get_ListsUserWithEnterpriseExtensionAndGroup()
    {
        var list = await GetAsync("ResourceTypes");

        AssertListResponse(list, 2);
        var user = list["Resources"]![0]!;
        Assert.Equal("User", (string?)user["name"]);
        Assert.Equal("/Users", (string?)user["endpoint"]);
        Assert.Equal(Enterprise, (string?)user["schemaExtensions"]![0]!["schema"]);
        Assert.False((bool)user["schemaExtensions"]![0]!["required"]!);
        Assert.Equal("ResourceType", (string?)user["meta"]!["resourceType"]);
        Assert.Equal("Group", (string?)list["Resources"]![1]!["name"]);
    }

    [Fact]
    public async Task Schemas_Get_ListsUserGroupAndEnterpriseWithFullMetadata()
    {
        var list = await GetAsync("Schemas");

        AssertListResponse(list, 3);
        var ids = list["Resources"]!.AsArray().Select(s => (string)s!["id"]!).ToArray();
        Assert.Equal(
            ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group", Enterprise], ids);
        var userName = Attribute(list["Resources"]![0]!, "userName");
        Assert.Equal("string", (string?)userName["type"]);
        Assert.True((bool)userName["required"]!);
        Assert.Equal("server", (string?)userName["uniqueness"]);
        Assert.Equal("readWrite", (string?)userName["mutability"]);
        Assert.Equal("default", (string?)userName["returned"]);
        var emails = Attribute(list["Resources"]![0]!, "emails");
        Assert.True((bool)emails["multiValued"]!);
        Assert.Equal("complex", (string?)emails["type"]);
        var type = emails["subAttributes"]!.AsArray().Single(a => (string?)a!["name"] == "type")!;
        Assert.Contains("work", type["canonicalValues"]!.AsArray().Select(v => (string?)v));
        var members = Attribute(list["Resources"]![1]!, "members");
        var reference = members["subAttributes"]!.AsArray().Single(a => (string?)a!["name"] == "$ref")!;
        Assert.Equal("reference", (string?)reference["type"]);
        Assert.Equal("Schema", (string?)list["Resources"]![0]!["meta"]!["resourceType"]);
        AssertNoNulls(list);
    }

    [Fact]
    public async Task Schema_GetByUrn_ReturnsOneSchema()
    {
        var schema = await GetAsync("Schemas/" + Enterprise);

        Assert.Equal(Enterprise, (string?)schema["id"]);
        Assert.Equal($"{Server.ScimBaseUri}/Schemas/{Enterprise}", (string?)schema["meta"]!["location"]);
    }

    [Fact]
    public async Task ResourceType_GetByName_ReturnsOneType()
    {
        var type = await GetAsync("ResourceTypes/Group");

        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:Group", (string?)type["schema"]);
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        var response = await Server.Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await ScimAssert.JsonAsync(response);
    }

    private static void AssertListResponse(JsonObject list, int count)
    {
        Assert.Equal(ListResponse, (string?)list["schemas"]![0]);
        Assert.Equal(count, (int)list["totalResults"]!);
        Assert.Equal(count, (int)list["itemsPerPage"]!);
        Assert.Equal(1, (int)list["startIndex"]!);
        Assert.Equal(count, list["Resources"]!.AsArray().Count);
    }

    private static JsonNode Attribute(JsonNode schema, string name) =>
        schema["attributes"]!.AsArray().Single(a => (string?)a!["name"] == name)!;

    private static void AssertNoNulls(JsonNode? node)
    {
        Assert.NotNull(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    AssertNoNulls(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    AssertNoNulls(item);
                }

                break;
        }
    }
}
