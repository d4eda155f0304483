using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Discovery;
using ScimEndpoint.Protocol.Querying;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage.InMemory;
using ScimEndpoint.Tests.Support;

namespace ScimEndpoint.Tests.Service;

/// <summary>A tenant's custom extension (Scim:CustomSchemas) through the service and the in-memory store.</summary>
public sealed class CustomExtensionTests
{
    private const string Urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";
    private const string Other = "urn:ietf:params:scim:schemas:extension:Other:2.0:User";

    private static readonly ScimResourceTypes Types = new([Urn]);

    private readonly ScimService _service = new(new InMemoryScimStore(TimeProvider.System));

    private static string UserBody(string extension) =>
        $"{{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','{Urn}'],'userName':'ada@example.com','{Urn}':{extension}}}";

    private Task<JsonObject> CreateAsync(string extension) =>
        _service.CreateAsync(Types.User, Json.Node(UserBody(extension)), CancellationToken.None);

    private Task<JsonObject?> PatchAsync(string id, string operations) =>
        _service.PatchAsync(Types.User, id, Json.Node($"{{'schemas':['{ScimConstants.PatchOp}'],'Operations':{operations}}}"), null, CancellationToken.None);

    [Fact]
    public async Task Create_ThenGet_ReturnsWhatWasWrittenWithTheUrnInSchemas()
    {
        var created = await CreateAsync("{'costCentre':'42','isContractor':true,'grade':7,'tags':['a','b']}");

        var read = await _service.GetAsync(Types.User, (string)created["id"]!, CancellationToken.None);

        Json.Equal(Json.Node("{'costCentre':'42','isContractor':true,'grade':7,'tags':['a','b']}"), read[Urn]);
        Assert.Contains(Urn, read["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public async Task Patch_EntraDefaultDialect_PathWithUrnReplacesAddsAndRemoves()
    {
        var created = await CreateAsync("{'costCentre':'42','isContractor':true}");
        var id = (string)created["id"]!;

        var patched = await PatchAsync(id,
            $"[{{'op':'Replace','path':'{Urn}:costCentre','value':'43'}},{{'op':'Add','path':'{Urn}:team','value':'blue'}}," +
            $"{{'op':'Remove','path':'{Urn}:isContractor'}}]");

        Json.Equal(Json.Node("{'costCentre':'43','team':'blue'}"), patched![Urn]);
    }

    [Fact]
    public async Task Patch_FlaggedDialect_PathlessValueObjectWithUrnKeysAndExtensionObject()
    {
        var created = await CreateAsync("{'costCentre':'42'}");
        var id = (string)created["id"]!;

        var patched = await PatchAsync(id,
            $"[{{'op':'replace','value':{{'{Urn}:costCentre':'44','displayName':'Ada'}}}}," +
            $"{{'op':'add','value':{{'{Urn}':{{'isContractor':false}}}}}}]");

        Json.Equal(Json.Node("{'costCentre':'44','isContractor':false}"), patched![Urn]);
        Assert.Equal("Ada", (string?)patched["displayName"]);
    }

    [Fact]
    public async Task Patch_NameInOtherCase_KeepsTheSpellingFirstWritten()
    {
        var created = await CreateAsync("{'costCentre':'42'}");

        var patched = await PatchAsync((string)created["id"]!, $"[{{'op':'replace','path':'{Urn}:COSTCENTRE','value':'9'}}]");

        Json.Equal(Json.Node("{'costCentre':'9'}"), patched![Urn]);
    }

    [Fact]
    public async Task Replace_KeepsStoredSpellingAndDropsWhatThePutLeavesOut()
    {
        var created = await CreateAsync("{'costCentre':'42','team':'blue'}");

        var replaced = await _service.ReplaceAsync(
            Types.User, (string)created["id"]!, Json.Node(UserBody("{'COSTCENTRE':'7'}")), null, CancellationToken.None);

        Json.Equal(Json.Node("{'costCentre':'7'}"), replaced[Urn]);
    }

    [Fact]
    public async Task Patch_AddOnAnArray_ReplacesItAndStringBooleansStayStrings()
    {
        var created = await CreateAsync("{'tags':['a']}");

        var patched = await PatchAsync((string)created["id"]!,
            $"[{{'op':'Add','path':'{Urn}:tags','value':['b','c']}},{{'op':'Add','path':'{Urn}:isContractor','value':'True'}}]");

        Json.Equal(Json.Node("{'tags':['b','c'],'isContractor':'True'}"), patched![Urn]);
    }

    [Theory]
    [InlineData(":tags[value eq \"a\"]")]
    [InlineData(":tags.value")]
    public async Task Patch_ValueFilterOrSubAttributeOfACustomAttribute_IsAClientError(string suffix)
    {
        var created = await CreateAsync("{'tags':['a']}");

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            PatchAsync((string)created["id"]!, $"[{{'op':'remove','path':'{Urn}{suffix.Replace("\"", "\\\"", StringComparison.Ordinal)}'}}]"));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task Patch_RemoveLastAttribute_DropsTheExtensionAndItsUrn()
    {
        var created = await CreateAsync("{'costCentre':'42'}");

        var patched = await PatchAsync((string)created["id"]!, $"[{{'op':'remove','path':'{Urn}:costCentre'}}]");

        Assert.Null(patched![Urn]);
        Assert.DoesNotContain(Urn, patched["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Theory]
    [InlineData("{'address':{'city':'Oslo'}}")]
    [InlineData("{'address':[{'city':'Oslo'}]}")]
    public async Task Create_NestedObject_IsInvalidValueNamingTheAttribute(string extension)
    {
        var error = await Assert.ThrowsAsync<ScimException>(() => CreateAsync(extension));

        Assert.Equal(400, error.Status);
        Assert.Equal("invalidValue", error.ScimType);
        Assert.Contains($"{Urn}:address", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnconfiguredUrn_IsInvalidValue()
    {
        var body = $"{{'userName':'ada@example.com','{Other}':{{'costCentre':'42'}}}}";

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            _service.CreateAsync(Types.User, Json.Node(body), CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Equal("invalidValue", error.ScimType);
    }

    [Fact]
    public async Task Create_WithoutConfiguration_RefusesTheUrnAsBefore()
    {
        var error = await Assert.ThrowsAsync<ScimException>(() =>
            _service.CreateAsync(ScimSchemas.UserType, Json.Node(UserBody("{'costCentre':'42'}")), CancellationToken.None));

        Assert.Equal("invalidValue", error.ScimType);
    }

    [Fact]
    public async Task Create_TooManyAttributes_IsInvalidValue()
    {
        var attributes = string.Join(',', Enumerable.Range(0, CustomExtensions.MaxAttributes + 1).Select(i => $"'a{i}':'x'"));

        var error = await Assert.ThrowsAsync<ScimException>(() => CreateAsync($"{{{attributes}}}"));

        Assert.Contains($"more than {CustomExtensions.MaxAttributes} attributes", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ValueLargerThanLimit_IsInvalidValue()
    {
        var error = await Assert.ThrowsAsync<ScimException>(() =>
            CreateAsync($"{{'notes':'{new string('x', CustomExtensions.MaxValueBytes)}'}}"));

        Assert.Equal("invalidValue", error.ScimType);
        Assert.Contains($"{CustomExtensions.MaxValueBytes} bytes", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AtTheLimits_IsAccepted()
    {
        var attributes = string.Join(',', Enumerable.Range(0, CustomExtensions.MaxAttributes).Select(i => $"'a{i}':'x'"));

        var created = await CreateAsync($"{{{attributes}}}");

        Assert.Equal(CustomExtensions.MaxAttributes, created[Urn]!.AsObject().Count);
    }

    [Theory]
    [InlineData(Urn + ":costCentre eq \"42\"")]
    [InlineData(Urn + ":costCentre pr")]
    public void Filter_OnCustomAttribute_IsInvalidFilter(string filter)
    {
        var error = Assert.Throws<ScimException>(() => ScimService.BuildQuery(Types.User, new SearchRequest { Filter = filter }));

        Assert.Equal("invalidFilter", error.ScimType);
        Assert.Contains("custom-extension attributes is not supported", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_ListsTheExtensionAsOptionalWithNoFixedAttributes()
    {
        var types = DiscoveryDocuments.ResourceTypes(Types, "https://scim.example");
        var schemas = DiscoveryDocuments.Schemas(Types, "https://scim.example");

        var user = types["Resources"]!.AsArray().Single(t => (string?)t!["name"] == "User")!;
        var extension = user["schemaExtensions"]!.AsArray().Single(e => (string?)e!["schema"] == Urn)!;
        Assert.False((bool)extension["required"]!);
        var schema = schemas["Resources"]!.AsArray().Single(s => (string?)s!["id"] == Urn)!;
        Assert.Empty(schema["attributes"]!.AsArray());
        Assert.Equal("CustomExtensionName", (string?)schema["name"]);
    }
}
