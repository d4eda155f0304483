using System.Text;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>A tenant's custom extension (<c>spec.mappings.customSchemas</c>) in the ZITADEL store: one metadata entry.</summary>
public sealed class ZitadelCustomExtensionTests
{
    private const string Urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

    private static readonly ScimResourceTypes Types = new([Urn]);

    [Fact]
    public async Task CustomExtension_IsOneMetadataEntryAndAGetReturnsWhatWasWritten()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { Mapping = o.Mapping with { UserType = Types.User } });
        var service = new ScimService(new Storage.Zitadel.ZitadelScimStore(tenant.Client, tenant.Options));

        var created = await service.CreateAsync(Types.User, Body(
            $"{{'userName':'a@x.com','{Urn}':{{'costCentre':'42','isContractor':true,'tags':['a','b']}}}}"), CancellationToken.None);
        var id = (string)created["id"]!;

        Assert.Equal("{\"costCentre\":\"42\",\"isContractor\":true,\"tags\":[\"a\",\"b\"]}", Metadata(tenant, id, "scim." + Urn));
        var read = await service.GetAsync(Types.User, id, CancellationToken.None);
        Assert.True(JsonNode.DeepEquals(created[Urn], read[Urn]));
        Assert.Contains(Urn, read["schemas"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public async Task PatchOfACustomAttribute_CostsNoMoreCallsThanACoreOne()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { Mapping = o.Mapping with { UserType = Types.User } });
        var service = new ScimService(new Storage.Zitadel.ZitadelScimStore(tenant.Client, tenant.Options));
        var created = await service.CreateAsync(Types.User, Body(
            $"{{'userName':'a@x.com','title':'CTO','{Urn}':{{'costCentre':'42'}}}}"), CancellationToken.None);
        var id = (string)created["id"]!;

        tenant.ResetCalls();
        await service.PatchAsync(Types.User, id, Patch("title", "CEO"), null, CancellationToken.None);
        var coreCalls = tenant.Calls();
        tenant.ResetCalls();
        var patched = await service.PatchAsync(Types.User, id, Patch($"{Urn}:COSTCENTRE", "43"), null, CancellationToken.None);

        Assert.Equal(coreCalls, tenant.Calls());
        Assert.Equal("{\"costCentre\":\"43\"}", Metadata(tenant, id, "scim." + Urn));
        Assert.Equal("43", (string?)patched![Urn]!["costCentre"]);
    }

    [Fact]
    public async Task MetadataMapping_OfACustomAttribute_WritesItsTextUnderTheChosenKey()
    {
        var mapping = Storage.Zitadel.ZitadelMetadataMapping.TryCreate($"{Urn}:costCentre", "hr:costCentre", out var problem, Types.User)
            ?? throw new InvalidOperationException(problem);
        var tags = Storage.Zitadel.ZitadelMetadataMapping.TryCreate($"{Urn}:tags", "hr:tags", out problem, Types.User)
            ?? throw new InvalidOperationException(problem);
        await using var tenant = await ZitadelTenant.StartAsync(o => o with
        {
            Mapping = o.Mapping with { UserType = Types.User, Metadata = [mapping, tags] },
        });
        var service = new ScimService(new Storage.Zitadel.ZitadelScimStore(tenant.Client, tenant.Options));

        var created = await service.CreateAsync(Types.User, Body(
            $"{{'userName':'a@x.com','{Urn}':{{'CostCentre':'42','tags':['a','b']}}}}"), CancellationToken.None);

        Assert.Equal("42", Metadata(tenant, (string)created["id"]!, "hr:costCentre"));
        Assert.Equal("[\"a\",\"b\"]", Metadata(tenant, (string)created["id"]!, "hr:tags"));
        Assert.Null(Storage.Zitadel.ZitadelMetadataMapping.TryCreate($"{Urn}:costCentre", "k", out _));
    }

    private static JsonNode? Body(string json) => JsonNode.Parse(json.Replace('\'', '"'));

    private static JsonObject Patch(string path, string value) => new()
    {
        ["schemas"] = new JsonArray(ScimConstants.PatchOp),
        ["Operations"] = new JsonArray(new JsonObject { ["op"] = "Replace", ["path"] = path, ["value"] = value }),
    };

    private static string? Metadata(ZitadelTenant tenant, string userId, string key) =>
        tenant.Emulator.State.Metadata.SingleOrDefault(m => m.UserId == userId && m.Key == key) is { } entry
            ? Encoding.UTF8.GetString(entry.Value)
            : null;
}
